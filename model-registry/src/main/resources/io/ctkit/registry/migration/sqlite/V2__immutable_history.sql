-- A registered version, its files and the history of alias moves are never changed or removed:
-- the database itself refuses, whatever client writes to it.
CREATE TRIGGER versions_no_update BEFORE UPDATE ON versions
BEGIN
    SELECT RAISE(ABORT, 'ctkit registry: registered versions are immutable');
END;

CREATE TRIGGER versions_no_delete BEFORE DELETE ON versions
BEGIN
    SELECT RAISE(ABORT, 'ctkit registry: registered versions are immutable');
END;

CREATE TRIGGER version_files_no_update BEFORE UPDATE ON version_files
BEGIN
    SELECT RAISE(ABORT, 'ctkit registry: the bundle of a registered version is immutable');
END;

CREATE TRIGGER version_files_no_delete BEFORE DELETE ON version_files
BEGIN
    SELECT RAISE(ABORT, 'ctkit registry: the bundle of a registered version is immutable');
END;

CREATE TRIGGER alias_moves_no_update BEFORE UPDATE ON alias_moves
BEGIN
    SELECT RAISE(ABORT, 'ctkit registry: the history of alias moves is append-only');
END;

CREATE TRIGGER alias_moves_no_delete BEFORE DELETE ON alias_moves
BEGIN
    SELECT RAISE(ABORT, 'ctkit registry: the history of alias moves is append-only');
END;
