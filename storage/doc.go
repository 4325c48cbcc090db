// Package storage keeps meldbot's state in a bbolt file: the store
// interfaces declared in package bot, the schema version and its
// migrations.
package storage
