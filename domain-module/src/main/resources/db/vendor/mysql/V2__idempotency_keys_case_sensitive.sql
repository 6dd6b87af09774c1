-- MySQL and MariaDB compare text without regard to case under their default collations; an
-- Idempotency-Key is compared as the client wrote it ("K-1" and "k-1" are two keys, as on H2).
-- The unique keys on (user_id, idempotency_key) are rebuilt with the columns.
ALTER TABLE wallet_ledger MODIFY idempotency_key VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NULL;
ALTER TABLE payment MODIFY idempotency_key VARCHAR(100) CHARACTER SET ascii COLLATE ascii_bin NULL;
