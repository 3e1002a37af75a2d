package capcert.ui;

import capcert.tls.CaptureResult;
import capcert.tls.Handshake;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static capcert.testing.TestCaptures.capture;
import static capcert.testing.TestCaptures.tls12;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checking off the UI thread, on a running JavaFX toolkit: what reaches the table, and when. */
@ExtendWith(ApplicationExtension.class)
class EvaluatorTest {

    @Start
    void start(Stage stage) {
        // Only the toolkit is needed: rows are delivered on its thread.
    }

    @Test
    void aLongCheckShowsTheRowsCheckedSoFarBeforeItEnds() throws Exception {
        Handshake first = tls12(3, List.of()), second = tls12(7, List.of()), third = tls12(11, List.of());
        CaptureResult capture = capture("big.pcap", first, second, third);
        CountDownLatch soFarShown = new CountDownLatch(1);
        VerdictChecker checker = options -> handshake -> {
            try {
                // Long enough for a look at the rows so far; the last waits until one was shown.
                if (handshake == second) Thread.sleep(700);
                if (handshake == third) assertTrue(soFarShown.await(10, TimeUnit.SECONDS), "no rows shown while checking");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return List.of();
        };
        List<List<Handshake>> shownSoFar = new CopyOnWriteArrayList<>();
        CompletableFuture<List<Handshake>> done = new CompletableFuture<>();

        var unused = new Evaluator(checker).evaluate(List.of(capture), ViewerSettings.defaults(), false,
                rows -> {
                    shownSoFar.add(rows.stream().map(HandshakeRow::handshake).toList());
                    soFarShown.countDown();
                },
                result -> done.complete(result.rows().stream().map(HandshakeRow::handshake).toList()));

        assertEquals(List.of(first, second, third), done.get(20, TimeUnit.SECONDS));
        assertEquals(List.of(List.of(first, second)), shownSoFar);
    }

    @Test
    void aQuickCheckShowsOnlyItsEnd() throws Exception {
        CaptureResult capture = capture("small.pcap", tls12(3, List.of()), tls12(7, List.of()));
        List<List<HandshakeRow>> shownSoFar = new CopyOnWriteArrayList<>();
        CompletableFuture<Evaluator.Result> done = new CompletableFuture<>();

        var unused = new Evaluator(options -> handshake -> List.of()).evaluate(List.of(capture), ViewerSettings.defaults(),
                false,
                shownSoFar::add, done::complete);

        assertEquals(2, done.get(20, TimeUnit.SECONDS).rows().size());
        assertEquals(List.of(), shownSoFar);
    }
}
