package dev.concert.domain.wallet;

/** What moved money in or out of a wallet. */
public enum LedgerKind {
    CHARGE,
    PAYMENT,
    REFUND
}
