package capcert.capture;

import java.io.IOException;

/** Packets read one step at a time, each handed to the sink the source was made with. */
public interface PacketSource {

    /**
     * Reads on until at most one packet more has been handed on. False once the capture has ended
     * (or its damage, or a failure to read on, has been reported): nothing more will come.
     *
     * @throws IOException the channel under the capture failed
     */
    boolean next() throws IOException;
}
