-- H2 compares text with regard to case already: nothing to change (the version keeps every
-- database's schema history at the same number).
SELECT 1;
