#!/usr/bin/env python3
"""Rewrite an Ethernet pcap as another link layer, frame by frame, keeping every packet and
timestamp: what a capture of the same traffic on a Wi-Fi monitor interface, a Cisco serial link or
an NFLOG group would hold. Used where no software here can capture on such a link (no Wi-Fi
driver or mac80211_hwsim in this kernel, no serial link). Built from the specifications:

  802.11     IEEE 802.11-2020 9.2-9.3: data frames, To DS from the client (addr1 BSSID, addr2 SA,
             addr3 DA), From DS from the server (addr1 DA, addr2 BSSID, addr3 SA); LLC/SNAP per
             RFC 1042 (AA AA 03 00 00 00 + EtherType)
  radiotap   radiotap.org: TSFT, Flags (FCS at end), Rate, Channel, dBm antenna signal
  PPI        PPI Header Format 1.0.10: 802.11-Common field, DLT 105
  AVS        AVS capture header v2 (linux-wlan-ng), 64 bytes, big-endian
  Prism      linux-wlan-ng Prism monitor header, 144 bytes
  Cisco HDLC address 0x0f, control 0x00, EtherType
  NFLOG      Linux nfnetlink_log: family, version, resource id, TLVs (PACKET_HDR, PREFIX, PAYLOAD)

usage: relink.py LINK IN.pcap OUT.pcap
  LINK: ieee80211 (105, plain data frames), radiotap (127: QoS data with FCS, plus a beacon, a
        QoS Null and an encrypted data frame that carry nothing), ppi (192, with one A-MSDU of
        two packets and four-address frames), avs (163), prism (119), chdlc (104), nflog (239)
"""
import struct
import sys
import zlib

BSSID = bytes.fromhex("020000aa0001")


def read_pcap(path):
    data = open(path, "rb").read()
    magic, = struct.unpack("<I", data[:4])
    if magic != 0xa1b2c3d4:
        sys.exit("%s: expected a little-endian microsecond pcap" % path)
    linktype, = struct.unpack("<I", data[20:24])
    if linktype != 1:
        sys.exit("%s: expected Ethernet (link type 1), found %d" % (path, linktype))
    records, o = [], 24
    while o + 16 <= len(data):
        sec, usec, incl, orig = struct.unpack("<IIII", data[o:o + 16])
        records.append((sec, usec, data[o + 16:o + 16 + incl]))
        o += 16 + incl
    return records


def write_pcap(path, linktype, records):
    with open(path, "wb") as out:
        out.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 262144, linktype))
        for sec, usec, frame in records:
            out.write(struct.pack("<IIII", sec, usec, len(frame), len(frame)))
            out.write(frame)


def llc(ethertype):
    return bytes.fromhex("aaaa03000000") + struct.pack(">H", ethertype)


def dot11_data(eth, client_mac, seq, qos=False, four_address=False, amsdu=None):
    """One 802.11 data frame carrying the Ethernet frame's payload (or an A-MSDU of several)."""
    dst, src, ethertype = eth[0:6], eth[6:12], struct.unpack(">H", eth[12:14])[0]
    from_client = src == client_mac
    subtype = 8 if qos else 0
    fc0 = (2 << 2) | (subtype << 4)
    if four_address:
        fc1 = 0x03
        addrs = BSSID + BSSID[:5] + b"\x02" + dst + src
    elif from_client:
        fc1 = 0x01
        addrs = BSSID + src + dst
    else:
        fc1 = 0x02
        addrs = dst + BSSID + src
    header = bytes([fc0, fc1]) + struct.pack("<H", 44) + addrs[:18] + struct.pack("<H", (seq & 0xfff) << 4)
    if four_address:
        header += addrs[18:24]
    if qos:
        header += struct.pack("<H", 0x0080 if amsdu else 0x0000)
    if amsdu:
        body = b""
        for i, other in enumerate(amsdu):
            msdu = llc(struct.unpack(">H", other[12:14])[0]) + other[14:]
            sub = other[0:6] + other[6:12] + struct.pack(">H", len(msdu)) + msdu
            if i < len(amsdu) - 1:
                sub += b"\0" * (-len(sub) % 4)
            body += sub
    else:
        body = llc(ethertype) + eth[14:]
    return header + body


def fcs(frame):
    return frame + struct.pack("<I", zlib.crc32(frame) & 0xffffffff)


def radiotap(tsft):
    present = (1 << 0) | (1 << 1) | (1 << 2) | (1 << 3) | (1 << 5)
    fields = struct.pack("<Q", tsft) + bytes([0x10, 108]) + struct.pack("<HH", 5180, 0x0140) + bytes([0xc4])
    return struct.pack("<BBHI", 0, 0, 8 + len(fields), present) + fields


def ppi(tsft):
    common = struct.pack("<QHHHHBBbb", tsft, 0, 108, 5180, 0x0140, 0, 0, -60, -95)
    field = struct.pack("<HH", 2, len(common)) + common
    return struct.pack("<BBHI", 0, 0, 8 + len(field), 105) + field


def avs(tsft):
    return struct.pack(">IIQQIIIIIIiiII", 0x80211001, 64, tsft, tsft, 8, 36, 540, 0, 0, 2, -60, -95, 0, 0)


def prism(tsft):
    out = struct.pack("<II", 0x41, 144) + b"wlan0".ljust(16, b"\0")
    for did in range(1, 11):
        out += struct.pack("<IHHI", 0x1041 + did, 0, 4, tsft & 0xffffffff if did == 2 else 0)
    return out


def beacon(tsft):
    header = bytes([0x80, 0x00]) + b"\0\0" + b"\xff" * 6 + BSSID + BSSID + b"\0\0"
    body = struct.pack("<QHH", tsft, 100, 0x0431) + b"\x00\x0bcapcert-lab" + b"\x01\x01\x8c"
    return header + body


def qos_null(client_mac):
    return bytes([0xc8, 0x01]) + b"\0\0" + BSSID + client_mac + BSSID + b"\0\0" + b"\0\0"


def protected_data(client_mac, seq):
    header = bytes([0x88, 0x41]) + b"\0\0" + BSSID + client_mac + BSSID + struct.pack("<H", seq << 4) + b"\0\0"
    # CCMP header then ciphertext: what a WPA2 capture holds without the keys
    return header + bytes.fromhex("0100002000000000") + bytes(range(64)) + bytes(8)


def main():
    link, src, dst = sys.argv[1:4]
    records = read_pcap(src)
    # the client is the sender of the first SYN (or first frame)
    client_mac = records[0][2][6:12]
    out = []
    if link in ("ieee80211", "radiotap", "ppi", "avs", "prism"):
        radio = {"ieee80211": lambda t: b"", "radiotap": radiotap, "ppi": ppi, "avs": avs, "prism": prism}[link]
        linktype = {"ieee80211": 105, "radiotap": 127, "ppi": 192, "avs": 163, "prism": 119}[link]
        i = 0
        while i < len(records):
            sec, usec, eth = records[i]
            tsft = sec * 1_000_000 + usec
            if link == "radiotap" and i == 0:
                out.append((sec, usec, radiotap(tsft) + fcs(beacon(tsft))))
            if link == "ppi" and i + 1 < len(records) and records[i + 1][2][6:12] == eth[6:12] and i % 7 == 3:
                frame = dot11_data(eth, client_mac, i, qos=True, amsdu=[eth, records[i + 1][2]])
                out.append((sec, usec, radio(tsft) + frame))
                i += 2
                continue
            qos = link in ("radiotap", "ppi")
            four = link == "ppi" and i % 5 == 1
            frame = dot11_data(eth, client_mac, i, qos=qos, four_address=four)
            if link == "radiotap":
                frame = fcs(frame)
                if i % 4 == 2:
                    out.append((sec, usec, radiotap(tsft) + fcs(qos_null(client_mac))))
                    out.append((sec, usec, radiotap(tsft) + fcs(protected_data(client_mac, i))))
            out.append((sec, usec, radio(tsft) + frame))
            i += 1
    elif link == "chdlc":
        linktype = 104
        out = [(s, u, b"\x0f\x00" + e[12:14] + e[14:]) for s, u, e in records]
    elif link == "nflog":
        linktype = 239
        for s, u, e in records:
            if e[12:14] != b"\x08\x00":
                continue
            def tlv(t, v):
                raw = struct.pack("<HH", 4 + len(v), t) + v
                return raw + b"\0" * (-len(raw) % 4)
            body = tlv(1, struct.pack(">HBB", 0x0800, 3, 0)) + tlv(10, b"capcert\0") + tlv(9, e[14:])
            out.append((s, u, struct.pack(">BBH", 2, 0, 0) + body))
    else:
        sys.exit("unknown link " + link)
    write_pcap(dst, linktype, out)


if __name__ == "__main__":
    main()
