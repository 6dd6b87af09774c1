-- Each date's start time (local time where the concerts happen, catalog.time-zone) and each seat's
-- place in the hall (section, row, place in the row), for the fan page's dates and seat map.
-- Dates and seats that exist already get the defaults: 19:00, rows A to E of ten seats, one unnamed section.
ALTER TABLE concert_date ADD COLUMN start_time TIME NOT NULL DEFAULT '19:00:00';

ALTER TABLE seat ADD COLUMN section_name VARCHAR(40) NULL;
ALTER TABLE seat ADD COLUMN row_label VARCHAR(4) NOT NULL DEFAULT 'A';
ALTER TABLE seat ADD COLUMN seat_in_row INT NOT NULL DEFAULT 1;
UPDATE seat SET row_label = SUBSTRING('ABCDE', FLOOR((seat_number - 1) / 10) + 1, 1),
                seat_in_row = MOD(seat_number - 1, 10) + 1;
