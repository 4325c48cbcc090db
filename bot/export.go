package bot

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"meldbot/bot/form"
	"meldbot/bot/policy"
	"meldbot/bot/register"
)

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
	for _, c := range ExportColumns() {
		if opts.Personal || !c.Personal {
			head = append(head, c.Name)
		}
	}
	if err := cw.Write(head); err != nil {
		return nil, err
	}
	var numbers []string
	err := t.tx.EachRow(from, to, func(r register.Row) error {
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
func exportAudit(numbers []string, from, to time.Time, opts ExportOptions, recipient Email) []AuditEntry {
	purpose := "export_anonymous"
	if opts.Personal {
		purpose = "export"
	}
	var out []AuditEntry
	for _, n := range numbers {
		out = append(out, AuditEntry{By: Email(opts.By), To: recipient, Incident: n, Action: AuditRead, What: purpose})
	}
	what := fmt.Sprintf("%s – %s: %d", from.Format("2006-01-02"), to.Add(-time.Second).Format("2006-01-02"), len(numbers))
	if opts.Personal {
		what += " +personal"
	}
	return append(out, AuditEntry{By: Email(opts.By), To: recipient, Action: AuditExport, What: what})
}

// exportRecord is an incident's line of the export.
func (t *turn) exportRecord(inc Incident, r register.Row, personal bool) []string {
	var out []string
	for _, c := range ExportColumns() {
		if personal || !c.Personal {
			out = append(out, cell(c.value(t.b.org, inc, r)))
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
	if !t.person.Has(policy.RoleCoordinator) {
		return t.reply(Message{Text: t.tr.T("export.not_allowed")})
	}
	personal := true
	var words []string
	for _, w := range strings.Fields(args) {
		switch form.Fold(w) {
		case "anoniem", "anonymous", "anonymised", "anonymized", "geanonimiseerd":
			personal = false
		default:
			words = append(words, w)
		}
	}
	period, err := register.ParsePeriod(strings.Join(words, " "), t.now)
	if err != nil {
		return t.reply(Message{Text: t.tr.T("export.bad_period")})
	}
	var buf chatExport
	opts := ExportOptions{Personal: personal, By: t.person.Email.String()}
	numbers, err := t.writeExport(&buf, period.From, period.To, opts)
	if errors.Is(err, errTooBigForChat) {
		// Not handed over, so nothing was read: the audit trail stays clean.
		return t.reply(Message{Text: t.tr.T("export.too_big", "Period", t.tr.Period(period.Key))})
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
		Text: t.tr.T("export.done", "Count", n, "Period", t.tr.Period(period.Key), "Personal", personal),
		File: &File{Name: name + ".csv", ContentType: "text/csv; charset=utf-8", Data: buf.Bytes()},
	}, exportAudit(numbers, period.From, period.To, opts, t.person.Email)...)
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
