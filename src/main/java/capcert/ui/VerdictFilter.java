package capcert.ui;

import capcert.check.Severity;

import java.util.Optional;

/** Which handshakes the table shows, by their worst verdict. */
enum VerdictFilter {
    ANY("Any verdict"),
    PROBLEMS("WARN or FAIL"),
    FAIL("FAIL"),
    WARN("WARN"),
    UNKNOWN("UNKNOWN (capture lost part of it)"),
    INFO("INFO"),
    PASS("PASS"),
    UNCHECKED("Not checked");

    private final String label;

    VerdictFilter(String label) {
        this.label = label;
    }

    boolean matches(Optional<Severity> worst) {
        return switch (this) {
            case ANY -> true;
            case PROBLEMS -> worst.filter(s -> s.compareTo(Severity.WARN) >= 0).isPresent();
            case UNCHECKED -> worst.isEmpty();
            default -> worst.filter(s -> s.name().equals(name())).isPresent();
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
