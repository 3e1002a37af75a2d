package capcert.capture;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryBudgetTest {

    private final List<Problem> problems = new ArrayList<>();
    private final MemoryBudget budget = new MemoryBudget(1000, problems::add);

    @Test
    void chargesWithinTheBudgetAreKeptAndReleased() {
        assertTrue(budget.charge(600, 1));
        assertTrue(budget.charge(400, 2));
        budget.release(600);
        assertEquals(400, budget.used());
        assertTrue(problems.isEmpty());
    }

    @Test
    void reclaimersGiveBackLeastUsefulFirstBeforeAChargeIsRefused() {
        List<String> asked = new ArrayList<>();
        budget.reclaimWith(bytes -> {
            asked.add("idle connections " + bytes);
            budget.release(300);
        });
        budget.reclaimWith(bytes -> asked.add("fragments " + bytes));
        assertTrue(budget.charge(900, 1));

        assertTrue(budget.charge(200, 7));
        assertEquals(List.of("idle connections 100"), asked);
        assertEquals(800, budget.used());

        assertFalse(budget.charge(900, 9));
        assertEquals(500, budget.used(), "what the reclaimers gave back stays given back");
        assertEquals(List.of("idle connections 100", "idle connections 700", "fragments 400"), asked);
        assertEquals(1, problems.size(), "said once");
        MemoryBudget.Reached reached = (MemoryBudget.Reached) problems.get(0);
        assertEquals(7, reached.frame());
        assertEquals(Limit.MEMORY, reached.limit());
        assertEquals("memory budget of 1000 bytes reached: the least useful state is dropped from here on (the longest-idle "
                + "connections first, then unfinished messages)", reached.message());
    }

    @Test
    void heldBytesPastTheBudgetAskTheReclaimers() {
        budget.reclaimWith(bytes -> budget.release(bytes));
        budget.chargeHeld(1500, 3);
        assertEquals(1000, budget.used());
        assertFalse(budget.overBudget(4));
    }
}
