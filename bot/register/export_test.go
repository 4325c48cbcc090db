package register

// RowList is rows for the tests outside the package: a RowSource of rows
// given in order of when they happened.
type RowList = rows
