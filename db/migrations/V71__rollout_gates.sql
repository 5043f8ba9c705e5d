-- Gates between tiers (issue #19): what a host's post-switch health check said about the build it
-- switched to, and why a rollout paused or rolled back by itself.
ALTER TABLE distribution_host ADD COLUMN health VARCHAR(16) CHECK (health IN ('HEALTHY', 'UNHEALTHY'));
ALTER TABLE distribution_host ADD COLUMN health_version VARCHAR(128);
ALTER TABLE distribution_host ADD COLUMN health_exit_code INT;
ALTER TABLE distribution_host ADD COLUMN health_output VARCHAR(300);
ALTER TABLE distribution_rollout ADD COLUMN reason TEXT;
