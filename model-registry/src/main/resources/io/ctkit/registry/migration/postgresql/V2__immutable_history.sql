-- A registered version, its files and the history of alias moves are never changed or removed:
-- the database itself refuses, whatever client writes to it.
CREATE FUNCTION ctkit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ctkit registry: % on % is refused; registered versions, their bundles and alias history are immutable',
        TG_OP, TG_TABLE_NAME;
END;
$$;

CREATE TRIGGER versions_immutable BEFORE UPDATE OR DELETE ON versions
    FOR EACH ROW EXECUTE FUNCTION ctkit_refuse_change();

CREATE TRIGGER version_files_immutable BEFORE UPDATE OR DELETE ON version_files
    FOR EACH ROW EXECUTE FUNCTION ctkit_refuse_change();

CREATE TRIGGER alias_moves_immutable BEFORE UPDATE OR DELETE ON alias_moves
    FOR EACH ROW EXECUTE FUNCTION ctkit_refuse_change();
