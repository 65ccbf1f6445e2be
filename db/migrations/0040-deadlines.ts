import type { Migration } from './index';

/**
 * 0040: deadlines, after-care and eligibility inputs.
 * - holiday_years: holiday arrangements the user adds in settings (merged over the built-in years; a stored year
 *   replaces the built-in data of that year). holidays / workdays are JSON arrays of { date, name }.
 * - rule_settings: switches of rules (e.g. eligibility condition 2), key → JSON value.
 * - process_dates: the dates a consultant records per client (pre-application, correction requested/submitted,
 *   formal submission, review results, inspection passed); null = not recorded (stage moves may supply it).
 * - licences (one current licence per client), annual_reports (one job per licensed client per filing year),
 *   change_filings (name / domain / scope / legal representative changes).
 * - client_facts: eligibility inputs the register lacks (fire filing, equipment, staff roles, security measures,
 *   violations, abnormal list, the platform's described business, the lease address). Yes/no columns: 1 / 0 / NULL.
 */
export const m0040: Migration = {
  version: 40,
  name: 'deadlines',
  up(db) {
    db.exec(`
      CREATE TABLE holiday_years (
        year INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        holidays TEXT NOT NULL,
        workdays TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE rule_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE process_dates (
        client_id INTEGER PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,
        pre_application_on TEXT,
        pre_review_done_on TEXT,
        correction_requested_on TEXT,
        correction_done_on TEXT,
        formal_submission_on TEXT,
        formal_review_done_on TEXT,
        inspection_passed_on TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE licences (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL UNIQUE REFERENCES clients(id) ON DELETE CASCADE,
        number TEXT NOT NULL,
        issued_on TEXT NOT NULL,
        expires_on TEXT NOT NULL,
        scope TEXT,
        renewal_applied_on TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX licences_expires ON licences(expires_on);

      CREATE TABLE annual_reports (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        year INTEGER NOT NULL,
        filed_on TEXT,
        note TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (client_id, year)
      ) STRICT;
      CREATE INDEX annual_reports_year ON annual_reports(year, filed_on);

      CREATE TABLE change_filings (
        id INTEGER PRIMARY KEY,
        client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        changed_on TEXT NOT NULL,
        old_value TEXT,
        new_value TEXT,
        filed_on TEXT,
        note TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX change_filings_client ON change_filings(client_id, changed_on);
      CREATE INDEX change_filings_open ON change_filings(changed_on) WHERE filed_on IS NULL;

      CREATE TABLE client_facts (
        client_id INTEGER PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,
        entity_type TEXT,
        cross_province INTEGER NOT NULL DEFAULT 0,
        fire_filing INTEGER,
        has_computers INTEGER,
        has_server INTEGER,
        has_firewall INTEGER,
        staff_tech_lead INTEGER,
        staff_customer_service INTEGER,
        staff_security INTEGER,
        sec_encryption INTEGER,
        sec_firewall_ids INTEGER,
        sec_privacy INTEGER,
        operation_rules INTEGER,
        violations_2y INTEGER,
        abnormal_list INTEGER,
        credit_checked_on TEXT,
        platform_business TEXT,
        lease_address TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE INDEX materials_correction ON materials(client_id) WHERE status = 'correction';
      CREATE INDEX events_stage_moves ON events(client_id, new_value, id) WHERE kind = 'stage' AND old_value IS NOT NULL;
    `);
  },
};
