package dev.concert.web.api;

import dev.concert.domain.shared.DomainException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Path segments as the domain needs them; what cannot be one is refused without a stack trace. */
final class PathParams {

    private PathParams() {
    }

    /** Concert ids are numbers; any other segment names no concert, so it is 404, not 400. */
    static long concertId(String segment) {
        try {
            long id = Long.parseLong(segment);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException notANumber) {
            // falls through: no concert has this id
        }
        throw DomainException.notFound("Concert " + abbreviate(segment));
    }

    /** A date is {@code YYYY-MM-DD} and a real day of the calendar, or the request is 400. */
    static LocalDate date(String segment) {
        try {
            return LocalDate.parse(segment);
        } catch (DateTimeParseException notADate) {
            throw DomainException.invalid("Date must be a real day as YYYY-MM-DD, was '" + abbreviate(segment) + "'");
        }
    }

    /** The segment as the client wrote it, cut to 40 characters, and only if it holds nothing but plain characters. */
    private static String abbreviate(String segment) {
        if (!segment.matches("[A-Za-z0-9._~-]*")) {
            return "(not shown)";
        }
        return segment.length() <= 40 ? segment : segment.substring(0, 40) + "...";
    }
}
