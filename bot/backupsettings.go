package bot

import "time"

// BackupSettings say where and how often the running meldbot backs up its
// data file, from the organisation file's "backup" section. No Dir means
// no scheduled backups (a backup can still be asked for).
type BackupSettings struct {
	// Dir is the directory the backups are written to.
	Dir string
	// Every is the time between two backups (default a day).
	Every time.Duration
	// Keep is how many backups are kept, the newest (default 7).
	Keep int
}

// Defaults of the backup settings.
const (
	DefaultBackupEvery = 24 * time.Hour
	DefaultBackupKeep  = 7
)
