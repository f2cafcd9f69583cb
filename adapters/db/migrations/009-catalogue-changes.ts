/**
 * Lets every app instance notice catalogue changes cheaply and read only what changed: a one-row
 * change stamp bumped by each statement that writes projects, a change number on every project
 * row, and a log of deleted ids ('*' for a TRUNCATE). The statement trigger takes the stamp's row
 * lock before any row gets its number, so writers number their rows in commit order and a reader
 * never sees a higher number commit before a lower one.
 */
export const sql = `
CREATE TABLE catalogue_stamp (
  one boolean PRIMARY KEY DEFAULT true CHECK (one),
  stamp bigint NOT NULL
);
INSERT INTO catalogue_stamp (one, stamp) VALUES (true, 1);
CREATE SEQUENCE catalogue_change_seq;
ALTER TABLE projects ADD COLUMN change_seq bigint NOT NULL DEFAULT nextval('catalogue_change_seq');
CREATE INDEX projects_change_seq_idx ON projects (change_seq);
CREATE TABLE project_deletions (
  id text NOT NULL,
  change_seq bigint NOT NULL DEFAULT nextval('catalogue_change_seq'),
  deleted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX project_deletions_change_seq_idx ON project_deletions (change_seq);

CREATE FUNCTION catalogue_bump_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE catalogue_stamp SET stamp = stamp + 1;
  IF TG_OP = 'TRUNCATE' THEN
    INSERT INTO project_deletions (id) VALUES ('*');
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER projects_bump_stamp BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON projects
  FOR EACH STATEMENT EXECUTE FUNCTION catalogue_bump_stamp();

CREATE FUNCTION catalogue_number_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO project_deletions (id) VALUES (OLD.id);
    RETURN OLD;
  END IF;
  NEW.change_seq := nextval('catalogue_change_seq');
  RETURN NEW;
END $$;
CREATE TRIGGER projects_number_row BEFORE INSERT OR UPDATE OR DELETE ON projects
  FOR EACH ROW EXECUTE FUNCTION catalogue_number_row();
`;
