package dev.concert.domain.concert;

import dev.concert.domain.shared.DomainException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the 50 seats of a date sit in the hall: named sections, each of whole rows of equal length,
 * filling seats 1..50 in order (the first section's first row holds seat 1). A section may carry the
 * price of all its seats. Without a layout a date has the standard one: rows A to E of ten seats, one
 * unnamed section.
 */
public final class SeatLayout {

    public static final int MAX_NAME = 40;
    public static final int MAX_ROW_LABEL = 4;
    /** Row labels a fan reads aloud: letters and digits, e.g. "A", "AA", "12". */
    private static final Pattern ROW_LABEL = Pattern.compile("[\\p{L}\\p{N}]{1," + MAX_ROW_LABEL + "}");

    /** One section: its name, its rows (front first), seats per row, and its seats' price if it sets one. */
    public record Section(String name, List<String> rows, int seatsPerRow, Long price) {
    }

    private final List<Section> sections;
    private final List<SeatPlace> places;

    private SeatLayout(List<Section> sections, List<SeatPlace> places) {
        this.sections = sections;
        this.places = places;
    }

    /** Rows A to E of ten seats in one unnamed section: what a date has when its concert gives no layout. */
    public static SeatLayout standard() {
        return of(List.of(new Section(null, List.of("A", "B", "C", "D", "E"), 10, null)), true);
    }

    /**
     * A layout from its sections.
     *
     * @throws DomainException {@code VALIDATION_FAILED} when a name or row label is not plain short
     *         text, a row label repeats, the seats do not add up to exactly 50, or only some sections have a price
     */
    public static SeatLayout of(List<Section> sections) {
        return of(sections, false);
    }

    private static SeatLayout of(List<Section> sections, boolean unnamedAllowed) {
        if (sections == null || sections.isEmpty()) {
            throw DomainException.invalid("A seat layout needs at least one section");
        }
        var places = new ArrayList<SeatPlace>();
        var rowLabels = new HashSet<String>();
        var names = new HashSet<String>();
        long priced = sections.stream().filter(s -> s != null && s.price() != null).count();
        if (priced != 0 && priced != sections.size()) {
            throw DomainException.invalid("Give a price for every section of the layout or for none");
        }
        for (Section section : sections) {
            if (section == null) {
                throw DomainException.invalid("A section of the layout is null");
            }
            String name = unnamedAllowed ? section.name() : requireName(section.name());
            if (name != null && !names.add(name)) {
                throw DomainException.invalid("Section '" + name + "' is given twice");
            }
            if (section.rows() == null || section.rows().isEmpty()) {
                throw DomainException.invalid("Section '" + name + "' needs at least one row");
            }
            if (section.seatsPerRow() < 1 || section.seatsPerRow() > SeatNumber.SEATS_PER_DATE) {
                throw DomainException.invalid("Section '" + name + "' must have 1 to " + SeatNumber.SEATS_PER_DATE
                        + " seats a row");
            }
            if (section.price() != null && (section.price() <= 0 || section.price() > SeatPricing.MAX_PRICE)) {
                throw DomainException.invalid("Section '" + name + "' price must be between 1 and "
                        + SeatPricing.MAX_PRICE + " won");
            }
            for (String row : section.rows()) {
                if (row == null || !ROW_LABEL.matcher(row).matches()) {
                    throw DomainException.invalid("A row label is 1 to " + MAX_ROW_LABEL + " letters or digits, was '"
                            + row + "'");
                }
                if (!rowLabels.add(row)) {
                    throw DomainException.invalid("Row '" + row + "' is given twice");
                }
                for (int seat = 1; seat <= section.seatsPerRow(); seat++) {
                    places.add(new SeatPlace(name, row, seat));
                    if (places.size() > SeatNumber.SEATS_PER_DATE) {
                        throw seatsDoNotAddUp();
                    }
                }
            }
        }
        if (places.size() != SeatNumber.SEATS_PER_DATE) {
            throw seatsDoNotAddUp();
        }
        return new SeatLayout(List.copyOf(sections), List.copyOf(places));
    }

    private static DomainException seatsDoNotAddUp() {
        return DomainException.invalid("The layout's rows must hold exactly " + SeatNumber.SEATS_PER_DATE + " seats");
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw DomainException.invalid("Every section of a layout needs a name");
        }
        String trimmed = name.strip();
        if (trimmed.length() > MAX_NAME || !Concert.isPlainText(trimmed)) {
            throw DomainException.invalid("A section name is plain text of at most " + MAX_NAME + " characters");
        }
        return trimmed;
    }

    /** Where a seat sits. */
    public SeatPlace placeOf(SeatNumber seat) {
        return places.get(seat.value() - SeatNumber.FIRST);
    }

    /**
     * The seats' prices: the sections' when they set them, else {@code given} (a flat price or one per seat).
     *
     * @throws DomainException {@code VALIDATION_FAILED} when prices come from both or from neither
     */
    public SeatPricing pricing(Optional<SeatPricing> given) {
        boolean sectionsPriced = sections.get(0).price() != null;
        if (sectionsPriced == given.isPresent()) {
            throw DomainException.invalid(sectionsPriced
                    ? "Prices come from the layout's sections: leave out seatPrice and seatPrices"
                    : "Give seatPrice or seatPrices, or a price for each section of the layout");
        }
        if (given.isPresent()) {
            return given.get();
        }
        List<Long> prices = new ArrayList<>();
        for (Section section : sections) {
            for (int i = 0; i < section.rows().size() * section.seatsPerRow(); i++) {
                prices.add(section.price());
            }
        }
        return SeatPricing.perSeat(prices);
    }

    public List<Section> sections() {
        return sections;
    }
}
