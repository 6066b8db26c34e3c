"""Storage: SQLModel tables, engines and sessions (SQLite by default, PostgreSQL scaled out)."""
