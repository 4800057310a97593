package com.example.csbs.contract.check;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Durations as the stub's options take them: {@code 0}, {@code 500ms}, {@code 3s}, {@code 2m}, {@code 1h}, or ISO-8601. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern AMOUNT_AND_UNIT = Pattern.compile("(\\d+)(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
        Matcher amount = AMOUNT_AND_UNIT.matcher(value.trim());
        if (amount.matches()) {
            long number = Long.parseLong(amount.group(1));
            String unit = amount.group(2);
            if (unit == null) {
                if (number == 0) {
                    return Duration.ZERO;
                }
                throw new CommandLine.TypeConversionException("'" + value + "' needs a unit: ms, s, m or h");
            }
            return switch (unit) {
                case "ms" -> Duration.ofMillis(number);
                case "s" -> Duration.ofSeconds(number);
                case "m" -> Duration.ofMinutes(number);
                default -> Duration.ofHours(number);
            };
        }
        try {
            return Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration (0, 500ms, 3s, 2m, 1h or PT3S)");
        }
    }
}
