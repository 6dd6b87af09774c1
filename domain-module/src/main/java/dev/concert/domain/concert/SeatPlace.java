package dev.concert.domain.concert;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * Where a seat is in the hall, as a fan reads it on a ticket: its section (null in a hall of one
 * unnamed section), its row and its place in that row. Stored on each seat row, so that the seat map
 * reads it with the seats and no other query.
 */
@Embeddable
public class SeatPlace {

    @Column(name = "section_name", length = SeatLayout.MAX_NAME)
    private String section;

    @Column(name = "row_label", nullable = false, length = SeatLayout.MAX_ROW_LABEL)
    private String row;

    @Column(name = "seat_in_row", nullable = false)
    private int seatInRow;

    protected SeatPlace() {
        // for JPA
    }

    SeatPlace(String section, String row, int seatInRow) {
        this.section = section;
        this.row = row;
        this.seatInRow = seatInRow;
    }

    /** The section's name; empty for the single unnamed section of the standard layout. */
    public java.util.Optional<String> section() {
        return java.util.Optional.ofNullable(section);
    }

    public String row() {
        return row;
    }

    /** 1 for the first seat of its row. */
    public int seatInRow() {
        return seatInRow;
    }
}
