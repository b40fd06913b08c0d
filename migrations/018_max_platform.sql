-- MAX becomes the third messenger (issue 14): accounts, consents and help reports may record it.
-- The checks keep their names (PostgreSQL's defaults from 001 and 003), so a later widening finds them.
ALTER TABLE accounts DROP CONSTRAINT accounts_platform_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_platform_check CHECK (platform IN ('telegram', 'vk', 'max'));

ALTER TABLE consents DROP CONSTRAINT consents_platform_check;
ALTER TABLE consents ADD CONSTRAINT consents_platform_check CHECK (platform IN ('telegram', 'vk', 'max'));

ALTER TABLE help_reports DROP CONSTRAINT help_reports_platform_check;
ALTER TABLE help_reports ADD CONSTRAINT help_reports_platform_check CHECK (platform IN ('telegram', 'vk', 'max'));
