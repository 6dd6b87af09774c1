-- The user haproxy's health check logs in as (option mysql-check): no password, no privilege.
CREATE USER IF NOT EXISTS 'haproxy_check'@'%';
