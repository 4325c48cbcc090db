package bottest

import (
	"fmt"
	"strings"
	"time"

	"meldbot/bot"
)

// Import stores an incident with its tasks as they are — a generated data
// set, or one carried over from another register — together with its
// register row, and records the import in the audit trail. It runs in the caller's
// transaction and sends nothing. Each task's ID must start with the
// incident's number and a slash, as meldbot's own do: that is how the
// purge finds them.
func Import(tx bot.Tx, inc bot.Incident, tasks []bot.Task, at time.Time) error {
	for _, task := range tasks {
		if !strings.HasPrefix(task.ID, inc.Number+"/") {
			return fmt.Errorf("import %s: task %q does not start with %s/", inc.Number, task.ID, inc.Number)
		}
	}
	row := bot.RowOf(inc, tasks)
	inc.Status = bot.StatusOpen
	if !row.ClosedAt.IsZero() {
		inc.Status = bot.StatusClosed
	}
	if err := tx.PutIncident(inc); err != nil {
		return err
	}
	for _, task := range tasks {
		task.Incident = inc.Number
		if err := tx.PutTask(task); err != nil {
			return err
		}
	}
	if err := tx.PutRow(row); err != nil {
		return err
	}
	_, err := tx.AppendAudit(bot.AuditEntry{At: at, Incident: inc.Number, Action: bot.AuditImport})
	return err
}
