/** The project catalogue: the full validated Project as jsonb, plus the columns searches filter on. */
export const sql = `
CREATE TABLE projects (
  id text PRIMARY KEY,
  data jsonb NOT NULL,
  postcode text NOT NULL,
  state text NOT NULL,
  lat double precision NOT NULL,
  lon double precision NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX projects_postcode_idx ON projects (postcode);
CREATE INDEX projects_state_idx ON projects (state);
`;
