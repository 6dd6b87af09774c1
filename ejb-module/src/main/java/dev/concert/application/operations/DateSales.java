package dev.concert.application.operations;

import java.time.LocalDate;

/** What one concert date has sold: seats sold and held now, and the revenue in won. */
public record DateSales(long concertId, String title, LocalDate date, long sold, long held, long revenue) {
}
