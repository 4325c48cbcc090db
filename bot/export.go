package bot

import (
	"bytes"
	"cmp"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// ExportColumns are the columns of the register's CSV export, in order,
// each with whether it holds personal data. docs/export.md describes every
// one (a test keeps them in step). Columns are only ever added at the end.
var ExportColumns = []struct {
	Name     string
	Personal bool
}{
	{"number", false}, {"occurred", false}, {"occurred_precision", false}, {"reported_at", false},
	{"categories", false}, {"channel", false}, {"department", false}, {"department_name", false},
	{"location", false}, {"location_name", false}, {"serious", false}, {"serious_reasons", false},
	{"weapon", false}, {"injury", false}, {"absence", false}, {"damage", false}, {"impact", false},
	{"party", false}, {"party_count", false}, {"police", false}, {"police_melding", false},
	{"police_outcome", false}, {"first_care_at", false}, {"first_care_minutes", false},
	{"measure", false}, {"measure_until", false}, {"status", false}, {"closed_at", false}, {"purged", false},
	{"reporter", true}, {"reporter_name", true}, {"subject", true}, {"subject_name", true},
	{"location_text", true}, {"description", true}, {"party_name", true}, {"witnesses", true},
	{"police_ref", true}, {"first_care_by", true}, {"analysis", true}, {"security_eval", true},
	{"measure_reason", true},
}

// ExportOptions say what an export holds and who asks for it.
type ExportOptions struct {
	// Personal adds the columns with personal data (names, e-mail
	// addresses, free text). In the chat only the coordinator gets them.
	Personal bool
	// By is who asks, for the audit trail: an e-mail address, or a
	// description such as "command line (user root)".
	By string
	// Unreadable, when set, is told of each incident whose record cannot
	// be read (ErrUnreadable), which is then left out instead of failing
	// the whole export.
	Unreadable func(number string, err error)
}

// exportTimeLayout is how moments are written: local time of the
// organisation, readable by spreadsheets.
const exportTimeLayout = "2006-01-02 15:04"

// writeExport writes the register's incidents that happened in [from, to)
// as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheets show
// accents), in order of when they happened, reading one incident at a time.
// It returns the numbers of the incidents it wrote; exportAudit gives the
// audit entries of handing it over.
func (t *turn) writeExport(w io.Writer, from, to time.Time, opts ExportOptions) ([]string, error) {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	var head []string
	for _, c := range ExportColumns {
		if opts.Personal || !c.Personal {
			head = append(head, c.Name)
		}
	}
	if err := cw.Write(head); err != nil {
		return nil, err
	}
	var numbers []string
	err := t.tx.EachRow(from, to, func(r Row) error {
		inc, err := t.tx.Incident(r.Number)
		if errors.Is(err, ErrUnreadable) && opts.Unreadable != nil {
			opts.Unreadable(r.Number, err)
			return nil
		}
		if err != nil {
			return fmt.Errorf("export: %s: %w", r.Number, err)
		}
		numbers = append(numbers, inc.Number)
		return cw.Write(t.exportRecord(inc, r, opts.Personal))
	})
	if err != nil {
		return numbers, err
	}
	cw.Flush()
	return numbers, cw.Error()
}

// exportAudit returns the audit entries of handing an export over to
// recipient ("" for a file written on the server): a read of every incident
// in it — its number and facts, with personal data or without — and the
// export in the trail of the register.
func exportAudit(numbers []string, from, to time.Time, opts ExportOptions, recipient string) []AuditEntry {
	purpose := "export_anonymous"
	if opts.Personal {
		purpose = "export"
	}
	var out []AuditEntry
	for _, n := range numbers {
		out = append(out, AuditEntry{By: opts.By, To: recipient, Incident: n, Action: AuditRead, What: purpose})
	}
	what := fmt.Sprintf("%s – %s: %d", from.Format("2006-01-02"), to.Add(-time.Second).Format("2006-01-02"), len(numbers))
	if opts.Personal {
		what += " +personal"
	}
	return append(out, AuditEntry{By: opts.By, To: recipient, Action: AuditExport, What: what})
}

// exportRecord is an incident's line of the export.
func (t *turn) exportRecord(inc Incident, r Row, personal bool) []string {
	org := t.b.org
	when := func(tm time.Time) string {
		if tm.IsZero() {
			return ""
		}
		return org.In(tm).Format(exportTimeLayout)
	}
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	var cats []string
	for _, c := range inc.Categories {
		cats = append(cats, string(c))
	}
	dept, _ := org.Department(inc.Department)
	loc, _ := org.Location(inc.Location)
	firstCare := ""
	if d, ok := inc.TimeToFirstCare(); ok {
		firstCare = strconv.Itoa(int(d.Round(time.Minute) / time.Minute))
	}
	measure, until, reason := "", "", ""
	if m := inc.Measure; m != nil {
		measure, until, reason = m.Kind, when(m.Until), m.Reason
	}
	occurred := inc.Occurred.Time
	if occurred.IsZero() {
		occurred = inc.ReportedAt
	}
	values := map[string]string{
		"number": inc.Number, "occurred": when(occurred), "occurred_precision": string(inc.Occurred.Precision),
		"reported_at": when(inc.ReportedAt), "categories": strings.Join(cats, ";"), "channel": inc.Channel,
		"department": inc.Department, "department_name": dept.Name, "location": inc.Location, "location_name": loc.Name,
		"serious": yes(inc.Serious), "serious_reasons": strings.Join(inc.SeriousReasons(), ";"), "weapon": yes(inc.Weapon),
		"injury": inc.Injury, "absence": inc.Absence, "damage": yes(inc.Damage), "impact": inc.Impact,
		"party": inc.Party, "party_count": inc.PartyCount, "police": inc.Police, "police_melding": yes(inc.PoliceMelding),
		"police_outcome": inc.PoliceOutcome, "first_care_at": when(inc.FirstCareAt), "first_care_minutes": firstCare,
		"measure": measure, "measure_until": until, "status": string(inc.Status), "closed_at": when(r.ClosedAt),
		"purged":   yes(!inc.PurgedAt.IsZero()),
		"reporter": inc.Reporter, "reporter_name": inc.ReporterName, "subject": inc.Subject, "subject_name": inc.SubjectName,
		"location_text": inc.LocationText, "description": inc.Description, "party_name": inc.PartyName,
		"witnesses": inc.Witnesses, "police_ref": cmp.Or(inc.RecordedPoliceRef, inc.PoliceRef), "first_care_by": inc.FirstCareBy,
		"analysis": inc.Analysis, "security_eval": inc.SecurityEval, "measure_reason": reason,
	}
	var out []string
	for _, c := range ExportColumns {
		if personal || !c.Personal {
			out = append(out, cell(values[c.Name]))
		}
	}
	return out
}

// cell keeps a spreadsheet from reading text as a formula: text that starts
// with = + - @ or a tab gets a leading apostrophe.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// maxChatExport is the largest export sent as a file in the chat; larger
// ones are made with `meldbot export` on the server.
const maxChatExport = 20 << 20

// errTooBigForChat stops an export that grows past maxChatExport.
var errTooBigForChat = errors.New("export too big for the chat")

// chatExport collects an export for the chat, and refuses to grow past
// maxChatExport: the export stops there instead of being built in full.
type chatExport struct{ bytes.Buffer }

func (c *chatExport) Write(p []byte) (int, error) {
	if c.Len()+len(p) > maxChatExport {
		return 0, errTooBigForChat
	}
	return c.Buffer.Write(p)
}

// exportCommand handles /incident export [period] [anoniem]: the register
// of a period as a CSV file, for the coordinator only. The coordinator's
// file holds the personal columns unless they ask for "anoniem".
func (t *turn) exportCommand(args string) error {
	if !t.person.Has(RoleCoordinator) {
		return t.reply(Message{Text: t.tr.T("export.not_allowed")})
	}
	personal := true
	var words []string
	for _, w := range strings.Fields(args) {
		switch fold(w) {
		case "anoniem", "anonymous", "anonymised", "anonymized", "geanonimiseerd":
			personal = false
		default:
			words = append(words, w)
		}
	}
	period, err := ParsePeriod(strings.Join(words, " "), t.now)
	if err != nil {
		return t.reply(Message{Text: t.tr.T("export.bad_period")})
	}
	var buf chatExport
	opts := ExportOptions{Personal: personal, By: NormalizeEmail(t.person.Email)}
	numbers, err := t.writeExport(&buf, period.From, period.To, opts)
	if errors.Is(err, errTooBigForChat) {
		// Not handed over, so nothing was read: the audit trail stays clean.
		return t.reply(Message{Text: t.tr.T("export.too_big", "Period", formatPeriod(t.tr, period.Key))})
	}
	if err != nil {
		return err
	}
	n := len(numbers)
	name := "meldingen-" + period.Key
	if !personal {
		name += "-anoniem"
	}
	// The export enters the audit trail when the file is delivered: a file
	// the chat could not take (or the console could not save) was never
	// handed over.
	return t.reply(Message{
		Text: t.tr.T("export.done", "Count", n, "Period", formatPeriod(t.tr, period.Key), "Personal", personal),
		File: &File{Name: name + ".csv", ContentType: "text/csv; charset=utf-8", Data: buf.Bytes()},
	}, exportAudit(numbers, period.From, period.To, opts, opts.By)...)
}

// Export writes the register's incidents that happened in [from, to) as
// CSV to w (see docs/export.md), in a transaction of its own, and records
// it in the audit trail. handOver, when not nil, puts what was written in
// place (closes and renames a file); it runs in the same transaction, after
// the export is recorded and before that is committed, so an export that
// could not be handed over leaves no reads in the audit trail. It is what
// `meldbot export` runs; it returns how many incidents it wrote.
func (b *Bot) Export(ctx context.Context, w io.Writer, from, to time.Time, opts ExportOptions, handOver func() error) (int, error) {
	n := 0
	err := b.store.Update(ctx, func(tx Tx) error {
		t := b.systemTurn(tx)
		numbers, err := t.writeExport(w, from, to, opts)
		if err != nil {
			return err
		}
		for _, e := range exportAudit(numbers, from, to, opts, "") {
			e.At = t.now
			if _, err := tx.AppendAudit(e); err != nil {
				return err
			}
		}
		if handOver != nil {
			if err := handOver(); err != nil {
				return err
			}
		}
		n = len(numbers)
		return nil
	})
	return n, err
}
