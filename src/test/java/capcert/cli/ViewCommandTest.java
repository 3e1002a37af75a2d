package capcert.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ViewCommandTest {

    @Test
    void helpNamesTheCapturesToOpen() {
        StringWriter out = new StringWriter();
        int code = new CommandLine(new ViewCommand()).setOut(new PrintWriter(out)).execute("--help");

        assertEquals(0, code);
        assertTrue(out.toString().startsWith("Usage: view [-hV] [--keylog=FILE]... [CAPTURE...]"), out.toString());
        assertTrue(out.toString().contains("Trust lists and expected names are set in the window"), out.toString());
    }
}
