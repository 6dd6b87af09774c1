-- The whole schema of the reservation server. One script for the embedded H2 (MySQL mode) and for
-- MySQL 8 / MariaDB 10.11: only syntax both accept. Times are UTC DATETIME(3); money is BIGINT won.

CREATE TABLE concert (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    title       VARCHAR(200) NOT NULL,
    venue       VARCHAR(200) NOT NULL,
    created_at  DATETIME(3)  NOT NULL,
    CONSTRAINT pk_concert PRIMARY KEY (id)
);

CREATE TABLE concert_date (
    id          BIGINT NOT NULL AUTO_INCREMENT,
    concert_id  BIGINT NOT NULL,
    show_date   DATE   NOT NULL,
    CONSTRAINT pk_concert_date PRIMARY KEY (id),
    CONSTRAINT uk_concert_date UNIQUE (concert_id, show_date),
    CONSTRAINT fk_concert_date_concert FOREIGN KEY (concert_id) REFERENCES concert (id)
);

-- One row per seat: the row a hold or a sale locks. status is the stored state; a HELD seat whose
-- held_until has passed is shown AVAILABLE and may be held again before the sweep releases it.
CREATE TABLE seat (
    id               BIGINT      NOT NULL AUTO_INCREMENT,
    concert_date_id  BIGINT      NOT NULL,
    seat_number      INT         NOT NULL,
    price            BIGINT      NOT NULL,
    status           VARCHAR(16) NOT NULL,
    held_until       DATETIME(3) NULL,
    user_id          CHAR(36)    NULL,
    version          BIGINT      NOT NULL DEFAULT 0,
    CONSTRAINT pk_seat PRIMARY KEY (id),
    CONSTRAINT uk_seat_number UNIQUE (concert_date_id, seat_number),
    CONSTRAINT fk_seat_concert_date FOREIGN KEY (concert_date_id) REFERENCES concert_date (id),
    CONSTRAINT ck_seat_number CHECK (seat_number BETWEEN 1 AND 50),
    CONSTRAINT ck_seat_price CHECK (price > 0),
    CONSTRAINT ck_seat_status CHECK (status IN ('AVAILABLE', 'HELD', 'SOLD'))
);
-- the sweeper finds lapsed holds without scanning every seat
CREATE INDEX ix_seat_status_held_until ON seat (status, held_until);

-- A prepaid balance per user. The CHECK is the last line of defence: the balance never goes below 0.
CREATE TABLE wallet (
    user_id     CHAR(36)    NOT NULL,
    balance     BIGINT      NOT NULL DEFAULT 0,
    version     BIGINT      NOT NULL DEFAULT 0,
    updated_at  DATETIME(3) NOT NULL,
    CONSTRAINT pk_wallet PRIMARY KEY (user_id),
    CONSTRAINT ck_wallet_balance CHECK (balance >= 0)
);

-- Every change of a balance, append-only: the sum of amounts is the balance. An Idempotency-Key is
-- unique per user, so a retried charge cannot take effect twice; request_hash detects a reused key
-- with another body.
CREATE TABLE wallet_ledger (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    user_id          CHAR(36)     NOT NULL,
    kind             VARCHAR(16)  NOT NULL,
    amount           BIGINT       NOT NULL,
    balance_after    BIGINT       NOT NULL,
    payment_id       VARCHAR(40)  NULL,
    idempotency_key  VARCHAR(100) NULL,
    request_hash     CHAR(64)     NULL,
    created_at       DATETIME(3)  NOT NULL,
    CONSTRAINT pk_wallet_ledger PRIMARY KEY (id),
    CONSTRAINT uk_wallet_ledger_idempotency UNIQUE (user_id, idempotency_key),
    CONSTRAINT fk_wallet_ledger_wallet FOREIGN KEY (user_id) REFERENCES wallet (user_id),
    CONSTRAINT ck_wallet_ledger_kind CHECK (kind IN ('CHARGE', 'PAYMENT', 'REFUND')),
    CONSTRAINT ck_wallet_ledger_balance CHECK (balance_after >= 0)
);
CREATE INDEX ix_wallet_ledger_user ON wallet_ledger (user_id, created_at);

-- A hold on a seat and what became of it. active_seat_id equals seat_id while the reservation
-- holds or owns the seat (HELD, CONFIRMED) and is NULL otherwise: its unique key makes a second
-- live reservation of one seat impossible, whatever the application does.
CREATE TABLE reservation (
    id              VARCHAR(40) NOT NULL,
    seat_id         BIGINT      NOT NULL,
    active_seat_id  BIGINT      NULL,
    user_id         CHAR(36)    NOT NULL,
    price           BIGINT      NOT NULL,
    status          VARCHAR(16) NOT NULL,
    held_until      DATETIME(3) NOT NULL,
    created_at      DATETIME(3) NOT NULL,
    updated_at      DATETIME(3) NOT NULL,
    version         BIGINT      NOT NULL DEFAULT 0,
    CONSTRAINT pk_reservation PRIMARY KEY (id),
    CONSTRAINT uk_reservation_active_seat UNIQUE (active_seat_id),
    CONSTRAINT fk_reservation_seat FOREIGN KEY (seat_id) REFERENCES seat (id),
    CONSTRAINT ck_reservation_status CHECK (status IN ('HELD', 'CONFIRMED', 'EXPIRED', 'CANCELLED')),
    CONSTRAINT ck_reservation_price CHECK (price > 0)
);
CREATE INDEX ix_reservation_status_held_until ON reservation (status, held_until);
CREATE INDEX ix_reservation_user ON reservation (user_id, created_at);

-- One payment per reservation (uk_payment_reservation): a seat can be paid for once.
CREATE TABLE payment (
    id               VARCHAR(40)  NOT NULL,
    reservation_id   VARCHAR(40)  NOT NULL,
    user_id          CHAR(36)     NOT NULL,
    amount           BIGINT       NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    idempotency_key  VARCHAR(100) NULL,
    request_hash     CHAR(64)     NULL,
    paid_at          DATETIME(3)  NOT NULL,
    CONSTRAINT pk_payment PRIMARY KEY (id),
    CONSTRAINT uk_payment_reservation UNIQUE (reservation_id),
    CONSTRAINT uk_payment_idempotency UNIQUE (user_id, idempotency_key),
    CONSTRAINT fk_payment_reservation FOREIGN KEY (reservation_id) REFERENCES reservation (id),
    CONSTRAINT ck_payment_amount CHECK (amount > 0),
    CONSTRAINT ck_payment_status CHECK (status IN ('COMPLETED', 'REFUNDED'))
);
CREATE INDEX ix_payment_user ON payment (user_id, paid_at);
