package capcert.trust;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code -----BEGIN X-----} ... {@code -----END X-----} blocks of a text file (RFC 7468), with
 * whatever surrounds them ignored: trust bundles often carry {@code subject=} lines or comments
 * between certificates, and files edited on Windows have CRLF line ends.
 */
final class PemBlocks {

    /** One block: its label ("CERTIFICATE", "PKCS7", ...) and the Base64 text between the lines. */
    record Block(String label, String base64) {

        /** The decoded bytes; Base64 damage is reported, not skipped over. */
        byte[] der() {
            return Base64.getDecoder().decode(WHITESPACE.matcher(base64).replaceAll(""));
        }
    }

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 #]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final Pattern BEGIN = Pattern.compile("-----BEGIN [A-Z0-9 #]+-----");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private PemBlocks() {
    }

    /** Every complete block in order; {@code unterminated} counts BEGIN lines without their END. */
    record Found(List<Block> blocks, int unterminated) {
    }

    static Found find(byte[] content) {
        // ISO-8859-1 maps every byte to one char, so binary files do not trip the decoder.
        String text = new String(content, StandardCharsets.ISO_8859_1);
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            blocks.add(new Block(m.group(1), m.group(2)));
        }
        long begins = BEGIN.matcher(text).results().count();
        return new Found(blocks, (int) (begins - blocks.size()));
    }
}
