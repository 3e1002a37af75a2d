package capcert.ui;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProgressChannelTest {

    @Test
    void reportsBytesReadSoFarAndStopsOnceCancelled() throws Exception {
        List<Long> progress = new ArrayList<>();
        AtomicBoolean cancelled = new AtomicBoolean();
        ProgressChannel channel = new ProgressChannel(Channels.newChannel(new ByteArrayInputStream(new byte[100])),
                progress::add, cancelled::get);

        assertEquals(40, channel.read(ByteBuffer.allocate(40)));
        assertEquals(40, channel.read(ByteBuffer.allocate(40)));
        cancelled.set(true);

        assertThrows(CancellationException.class, () -> channel.read(ByteBuffer.allocate(40)));
        assertEquals(List.of(40L, 80L), progress);
    }

    @Test
    void endOfFileIsPassedOnWithoutProgress() throws Exception {
        List<Long> progress = new ArrayList<>();
        ProgressChannel channel = new ProgressChannel(Channels.newChannel(new ByteArrayInputStream(new byte[3])),
                progress::add, () -> false);

        assertEquals(3, channel.read(ByteBuffer.allocate(10)));
        assertEquals(-1, channel.read(ByteBuffer.allocate(10)));
        assertEquals(List.of(3L), progress);
    }
}
