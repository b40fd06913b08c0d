-- A report is saved once whatever the retries: the flow gives each one a key before the child
-- presses Send, and saving it again (a crash after the save, the update handled again) finds it.
ALTER TABLE help_reports ADD COLUMN request_key text;
CREATE UNIQUE INDEX help_reports_request_key ON help_reports (request_key) WHERE request_key IS NOT NULL;
