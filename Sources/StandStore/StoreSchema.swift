import GRDB

/// The store's migrations. Each registered step is applied once, in order, and recorded in
/// `grdb_migrations`; a database holding a step this list does not know was written by a newer
/// StandKit. docs/store.md describes the resulting schema.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-sales-journal-inventory") { db in
            try db.execute(sql: v1)
        }
        migrator.registerMigration("v2-operators") { db in
            try db.execute(sql: v2Operators)
        }
        migrator.registerMigration("v3-print-jobs-shifts") { db in
            try db.execute(sql: v3PrintJobsShifts)
        }
        migrator.registerMigration("v4-card-attempts") { db in
            try db.execute(sql: v4CardAttempts)
        }
        return migrator
    }

    /// Operators who may log in at the till, with their PIN as PBKDF2-HMAC-SHA256 hash and salt
    /// (never the PIN itself). Not journaled: a setting of the stand, like thresholds.
    private static let v2Operators = """
        CREATE TABLE operators (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL CHECK (length(name) > 0),
            role TEXT NOT NULL CHECK (role IN ('operator', 'supervisor')),
            pin_hash BLOB NOT NULL,
            salt BLOB NOT NULL,
            rounds INTEGER NOT NULL CHECK (rounds > 0)
        );
        """

    /// The receipt print queue (jobs survive a restart; a job caught printing is re-queued as a
    /// copy) and the till shifts behind the X and Z reports. Neither is journaled: the sale is.
    private static let v3PrintJobsShifts = """
        CREATE TABLE print_jobs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            sale_id TEXT REFERENCES sales(id),
            kind TEXT NOT NULL CHECK (kind IN ('receipt', 'report')),
            bytes BLOB NOT NULL,
            copy_bytes BLOB,
            is_copy INTEGER NOT NULL CHECK (is_copy IN (0, 1)),
            state TEXT NOT NULL CHECK (state IN ('queued', 'printing', 'done', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            last_error TEXT,
            created_at INTEGER NOT NULL,
            printed_at INTEGER
        );
        CREATE INDEX print_jobs_pending ON print_jobs(id) WHERE state IN ('queued', 'printing');
        CREATE INDEX print_jobs_sale ON print_jobs(sale_id) WHERE sale_id IS NOT NULL;
        CREATE TABLE shifts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            operator_id TEXT NOT NULL,
            opened_at INTEGER NOT NULL,
            float INTEGER NOT NULL,
            currency TEXT NOT NULL,
            closed_at INTEGER,
            closed_by TEXT,
            counted INTEGER
        );
        CREATE UNIQUE INDEX shifts_one_open ON shifts((closed_at IS NULL)) WHERE closed_at IS NULL;
        """

    /// Card payments asked of the terminal, written before the terminal is asked and updated with
    /// what it answered, so that no approval is lost and nothing is charged twice across a crash.
    /// `draft` is the sale to complete (JSON `CardSaleDraft`), `payment` the approved
    /// `CardPayment` (masked PAN, brand, receipt and trace numbers; never a card number).
    private static let v4CardAttempts = """
        CREATE TABLE card_attempts (
            reference TEXT PRIMARY KEY NOT NULL,
            sale_id TEXT NOT NULL,
            amount INTEGER NOT NULL CHECK (amount > 0),
            currency TEXT NOT NULL,
            draft TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'settled', 'not-charged', 'reversed', 'supervisor')),
            payment TEXT,
            detail TEXT,
            previous_terminal_receipt TEXT,
            started_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE INDEX card_attempts_open ON card_attempts(started_at) WHERE state IN ('pending', 'approved', 'supervisor');
        CREATE INDEX card_attempts_sale ON card_attempts(sale_id);
        """

    private static let v1 = """
        CREATE TABLE store_meta (
            key TEXT PRIMARY KEY NOT NULL,
            value TEXT NOT NULL
        );
        CREATE TABLE journal (
            seq INTEGER PRIMARY KEY CHECK (seq >= 1),
            stand_id TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            kind TEXT NOT NULL,
            payload TEXT NOT NULL,
            hash TEXT NOT NULL UNIQUE,
            recorded_at INTEGER NOT NULL
        );
        CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
            BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
        CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal
            BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY NOT NULL REFERENCES journal(seq),
            acknowledged_at INTEGER
        );
        CREATE INDEX outbox_pending ON outbox(seq) WHERE acknowledged_at IS NULL;
        CREATE TABLE sales (
            id TEXT PRIMARY KEY NOT NULL,
            journal_seq INTEGER NOT NULL UNIQUE REFERENCES journal(seq),
            stand_id TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            operator_id TEXT NOT NULL,
            location TEXT,
            customer_id TEXT,
            latitude REAL,
            longitude REAL,
            currency TEXT NOT NULL,
            minor_units INTEGER NOT NULL,
            tax_mode TEXT NOT NULL,
            subtotal INTEGER NOT NULL,
            discount_total INTEGER NOT NULL,
            tax_total INTEGER NOT NULL,
            total INTEGER NOT NULL,
            cash_rounding INTEGER NOT NULL,
            change INTEGER NOT NULL
        );
        CREATE INDEX sales_created_at ON sales(created_at);
        CREATE INDEX sales_customer ON sales(customer_id) WHERE customer_id IS NOT NULL;
        CREATE TABLE sale_lines (
            sale_id TEXT NOT NULL REFERENCES sales(id),
            line_index INTEGER NOT NULL,
            product_id TEXT NOT NULL,
            name TEXT NOT NULL,
            quantity INTEGER NOT NULL,
            unit_price INTEGER NOT NULL,
            amount INTEGER NOT NULL,
            discount INTEGER NOT NULL,
            tax INTEGER NOT NULL,
            net INTEGER NOT NULL,
            tax_class TEXT NOT NULL,
            modifiers TEXT NOT NULL,
            PRIMARY KEY (sale_id, line_index)
        );
        CREATE INDEX sale_lines_product ON sale_lines(product_id);
        CREATE TABLE sale_discounts (
            sale_id TEXT NOT NULL REFERENCES sales(id),
            discount_index INTEGER NOT NULL,
            promotion_id TEXT NOT NULL,
            reason TEXT NOT NULL,
            amount INTEGER NOT NULL,
            line_indexes TEXT NOT NULL,
            PRIMARY KEY (sale_id, discount_index)
        );
        CREATE TABLE sale_taxes (
            sale_id TEXT NOT NULL REFERENCES sales(id),
            tax_index INTEGER NOT NULL,
            tax_class TEXT NOT NULL,
            rate_basis_points INTEGER NOT NULL,
            base INTEGER NOT NULL,
            amount INTEGER NOT NULL,
            PRIMARY KEY (sale_id, tax_index)
        );
        CREATE TABLE sale_tenders (
            sale_id TEXT NOT NULL REFERENCES sales(id),
            tender_index INTEGER NOT NULL,
            kind TEXT NOT NULL,
            amount INTEGER NOT NULL,
            masked_pan TEXT,
            card_brand TEXT,
            terminal_receipt TEXT,
            trace_number TEXT,
            order_token_id TEXT,
            credit_account_id TEXT,
            PRIMARY KEY (sale_id, tender_index)
        );
        CREATE INDEX sale_tenders_credit ON sale_tenders(credit_account_id) WHERE credit_account_id IS NOT NULL;
        CREATE TABLE refunds (
            id TEXT PRIMARY KEY NOT NULL,
            journal_seq INTEGER NOT NULL UNIQUE REFERENCES journal(seq),
            sale_id TEXT NOT NULL REFERENCES sales(id),
            kind TEXT NOT NULL,
            line_index INTEGER,
            quantity INTEGER,
            amount INTEGER NOT NULL,
            operator_id TEXT NOT NULL,
            supervisor_id TEXT NOT NULL,
            reason TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            restock INTEGER NOT NULL
        );
        CREATE INDEX refunds_sale ON refunds(sale_id);
        CREATE INDEX refunds_created_at ON refunds(created_at);
        CREATE TABLE inventory_movements (
            id INTEGER PRIMARY KEY,
            journal_seq INTEGER NOT NULL REFERENCES journal(seq),
            item_id TEXT NOT NULL,
            delta INTEGER NOT NULL,
            kind TEXT NOT NULL,
            sale_id TEXT REFERENCES sales(id),
            refund_id TEXT REFERENCES refunds(id),
            note TEXT,
            counted INTEGER,
            recorded_at INTEGER NOT NULL
        );
        CREATE INDEX inventory_movements_item ON inventory_movements(item_id);
        CREATE TABLE inventory_thresholds (
            item_id TEXT PRIMARY KEY NOT NULL,
            threshold INTEGER NOT NULL CHECK (threshold >= 0)
        );
        """
}
