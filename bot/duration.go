package bot

import "time"

// formatDuration renders a duration to the minute: "35 min", "1 u 20 min",
// "2 d 3 u".
func formatDuration(tr Texts, d time.Duration) string {
	m := int(d.Round(time.Minute) / time.Minute)
	switch {
	case m < 60:
		return tr.T("duration.minutes", "M", m)
	case m < 24*60:
		return tr.T("duration.hours", "H", m/60, "M", m%60)
	}
	return tr.T("duration.days", "D", m/(24*60), "H", m%(24*60)/60)
}
