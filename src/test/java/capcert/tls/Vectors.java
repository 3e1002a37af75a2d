package capcert.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Published test vectors, kept as "name hex" lines in test resources (RFC 8448, RFC 9001, RFC 9369). */
final class Vectors {

    private final Map<String, byte[]> values = new LinkedHashMap<>();

    private Vectors(String text) {
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.trim().split(" ", 2);
            values.put(f[0], HexFormat.of().parseHex(f[1].trim()));
        }
    }

    static Vectors load(String resource) {
        try (InputStream in = Vectors.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            return new Vectors(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] get(String name) {
        byte[] value = values.get(name);
        if (value == null) throw new IllegalArgumentException("no vector " + name);
        return value.clone();
    }

    long number(String name) {
        return new java.math.BigInteger(1, get(name)).longValueExact();
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
