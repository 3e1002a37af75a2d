package capcert.export;

import capcert.net.EapSession;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;

import java.io.IOException;
import java.io.Writer;
import java.util.Optional;

/** The layout every JSON document capcert writes shares: {@code index.json}, {@code list --json}, {@code check --json}. */
public final class JsonFormat {

    private JsonFormat() {
    }

    /** A pretty-printing generator that leaves {@code out} open; the caller writes the final newline. */
    public static JsonGenerator generator(Writer out) throws IOException {
        JsonGenerator json = new JsonFactory().createGenerator(out);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        json.setPrettyPrinter(new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter));
        return json;
    }

    /** An {@code "eap"} object field: the method and what names the supplicant. */
    public static void writeEap(JsonGenerator json, EapSession eap) throws IOException {
        json.writeObjectFieldStart("eap");
        json.writeStringField("method", eap.method().label());
        writeOptional(json, "identity", eap.identity());
        writeOptional(json, "nasIdentifier", eap.nasIdentifier());
        writeOptional(json, "nasAddress", eap.nasAddress());
        writeOptional(json, "callingStation", eap.callingStation());
        json.writeEndObject();
    }

    /** A string field, null when absent: every handshake's JSON has the same fields. */
    private static void writeOptional(JsonGenerator json, String field, Optional<String> value) throws IOException {
        if (value.isPresent()) json.writeStringField(field, value.get());
        else json.writeNullField(field);
    }
}
