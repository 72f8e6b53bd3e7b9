"""One module per page: each turns a request's ``Scope`` into the plain
data its template lays out."""
