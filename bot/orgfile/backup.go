package orgfile

import (
	"time"

	"meldbot/bot"
)

// backup says where and how often the data file is backed up.
type backup struct {
	Dir   field[string] `yaml:"dir"`
	Every field[string] `yaml:"every"`
	Keep  field[int]    `yaml:"keep"`
}

// minBackupEvery is the shortest time between two backups: each one is a
// full copy of the data file, read back to check it.
const minBackupEvery = 15 * time.Minute

// checkBackup reads the backup settings; what is not set keeps its default
// (daily, the newest seven kept). Without dir there are no scheduled
// backups.
func (f *file) checkBackup(p *Problems, org *bot.Organisation) {
	org.Backup = bot.BackupSettings{Every: bot.DefaultBackupEvery, Keep: bot.DefaultBackupKeep}
	b := f.Backup
	if b == nil {
		return
	}
	if b.Dir.Set {
		if b.Dir.V == "" {
			p.add(b.Dir.Line, b.Dir.Column, "name the directory, such as /var/backups/meldbot", "the backup directory is empty")
		}
		org.Backup.Dir = b.Dir.V
	}
	if v := b.Every; v.Set {
		d, err := ParseDuration(v.V)
		switch {
		case err != nil || d <= 0:
			p.add(v.Line, v.Column, "write a duration such as 6h, 24h or 1d", "%q is not a duration", v.V)
		case d < minBackupEvery:
			p.add(v.Line, v.Column, "back up at most every 15m; daily (24h) is usual", "backing up every %s is too often", v.V)
		default:
			org.Backup.Every = d
		}
	}
	if v := b.Keep; v.Set {
		if v.V < 1 || v.V > 1000 {
			p.add(v.Line, v.Column, "keep at least one backup, such as 7", "keeping %d backups is not possible", v.V)
		} else {
			org.Backup.Keep = v.V
		}
	}
	if !b.Dir.Set && (b.Every.Set || b.Keep.Set) {
		line, col := b.Every.Line, b.Every.Column
		if !b.Every.Set {
			line, col = b.Keep.Line, b.Keep.Column
		}
		p.add(line, col, "add dir: with the directory the backups go to", "backups have no directory")
	}
}
