package capcert.cli;

import capcert.testing.TestCaptures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Wherever the heap runs out, one rule: exit 4 and the memory hint, said once. */
class OutOfMemoryRuleTest {

    @TempDir
    Path tmp;

    @Test
    void aReadingThreadThatRunsOutOfMemoryEndsTheRunOnce() throws IOException {
        Path first = Files.writeString(tmp.resolve("first.pcap"), "");
        Path second = Files.writeString(tmp.resolve("second.pcap"), "");
        for (List<String> command : List.of(List.of("list"), List.of("list", "--json"), List.of("check"), List.of("diff"),
                List.of("export", "-o", tmp.resolve("out").toString()), List.of("report", "-o", tmp.resolve("r.html").toString()))) {
            Cli cli = new Cli().answer(first, path -> {
                throw new OutOfMemoryError("Java heap space");
            }).answer(second, TestCaptures.capture(second.toString()));
            String[] args = java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of(first.toString(), second.toString()))
                    .toArray(String[]::new);

            Cli.Run run = cli.run(args);

            assertEquals(ExitCodes.FAILED, run.code(), command + ": " + run.err());
            assertEquals(List.of(Main.OUT_OF_MEMORY), run.errLines(), command.toString());
        }
    }
}
