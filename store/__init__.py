"""The SQLite archive: schema, migrations, writes and queries. The only code that speaks SQL."""
