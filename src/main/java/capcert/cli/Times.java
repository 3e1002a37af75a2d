package capcert.cli;

import capcert.check.CheckTime;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Instant;

/** {@code --at TIME} for every command that checks validity, in {@link CheckTime}'s formats. */
final class Times implements ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        try {
            return CheckTime.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
