package bot

import (
	"strconv"
	"strings"
)

// Task IDs name what a task is for, so a task is made once and found again
// by its ID: "GIR-2026-0001/first_care", "GIR-2026-0001/follow_up/2",
// "GIR-2026-0001/check_in/tom.smit@voorbeeldrode.nl/1", an occurrence of
// the policy cycle ("F2/2026-11/stadhuis", see policy.Occurrence.Key) or a
// nudge to the risk inventory ("C8/new/threat"). Every task of an incident
// starts with its number and a slash, also one kept off the incident (a
// witness's talk request): that is how the purge finds them all.

// incidentTaskID is the ID of a task that follows incident number: its
// kind, and what tells it apart from other tasks of that kind (which
// follow-up, whose check-in).
func incidentTaskID(number string, kind TaskKind, more ...string) string {
	return strings.Join(append([]string{number, string(kind)}, more...), "/")
}

// checkInID is the ID of someone's nth check-in after an incident.
func checkInID(number string, who Email, n int) string {
	return incidentTaskID(number, TaskCheckIn, string(who), strconv.Itoa(n))
}

// repairID is the ID of the repair of a defect an alarm test found (F3).
func repairID(alarmTest string) string { return alarmTest + "/repair" }

// riskNudgeID is the ID of the task that asks for a look at the risk
// inventory for a reason (C8).
func riskNudgeID(reasonKey string) string { return "C8/" + reasonKey }
