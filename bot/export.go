package bot

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"meldbot/bot/form"
	"meldbot/bot/locale"
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
	// Format is the file's format: CSV (the default), for other software,
	// or an Excel workbook, for people.
	Format ExportFormat
	// Lang is the language of a workbook's headers and labels; empty is
	// the organisation's.
	Lang locale.Lang
}

// ExportFormat is the format of an export file.
type ExportFormat string

// The formats of an export: CSV with the columns' names and stored codes,
// for other software (docs/export.md), and an Excel workbook with headers
// and labels in the reader's language, dates as dates and a sheet that
// explains every column, for people.
const (
	FormatCSV  ExportFormat = "csv"
	FormatXLSX ExportFormat = "xlsx"
)

// ParseExportFormat reads a format's name: "csv", or "xlsx" (also "excel").
func ParseExportFormat(s string) (ExportFormat, bool) {
	switch strings.ToLower(strings.TrimPrefix(strings.TrimSpace(s), ".")) {
	case "csv":
		return FormatCSV, true
	case "xlsx", "excel":
		return FormatXLSX, true
	}
	return "", false
}

// exportTimeLayout is how moments are written: local time of the
// organisation, readable by spreadsheets.
const exportTimeLayout = "2006-01-02 15:04"

// writeExport writes the register's incidents that happened in [from, to)
// in the format opts name, in order of when they happened, reading one
// incident at a time. It returns the numbers of the incidents it wrote;
// exportAudit gives the audit entries of handing it over.
func (t *turn) writeExport(w io.Writer, from, to time.Time, opts ExportOptions) ([]string, error) {
	if opts.Format == FormatXLSX {
		return t.writeWorkbook(w, from, to, opts)
	}
	return t.writeCSV(w, from, to, opts)
}

// writeCSV writes the export as CSV (RFC 4180, UTF-8 with a byte-order mark
// so spreadsheets show accents).
func (t *turn) writeCSV(w io.Writer, from, to time.Time, opts ExportOptions) ([]string, error) {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	cols := exportedColumns(opts, FormatCSV)
	head := make([]string, len(cols))
	for i, c := range cols {
		head[i] = c.Name
	}
	if err := cw.Write(head); err != nil {
		return nil, err
	}
	line := make([]string, len(cols)) // csv.Writer is done with a line once Write returns
	numbers, err := t.eachExported(from, to, opts, func(inc Incident, r register.Row) error {
		return cw.Write(t.exportRecord(line, cols, inc, r))
	})
	if err != nil {
		return numbers, err
	}
	cw.Flush()
	return numbers, cw.Error()
}

// eachExported calls fn for every incident that happened in [from, to),
// earliest first, and returns the numbers of those it was called for. An
// incident whose record cannot be read is left out when opts ask so.
func (t *turn) eachExported(from, to time.Time, opts ExportOptions, fn func(Incident, register.Row) error) ([]string, error) {
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
		return fn(inc, r)
	})
	return numbers, err
}

// exportedColumns returns the columns an export in format holds: without
// the personal ones unless opts ask for them, and in a workbook without
// those whose names another column shows.
func exportedColumns(opts ExportOptions, format ExportFormat) []ExportColumn {
	var out []ExportColumn
	for _, c := range ExportColumns() {
		if (opts.Personal || !c.Personal) && (format == FormatCSV || c.InWorkbook()) {
			out = append(out, c)
		}
	}
	return out
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
	what := exportWhat{from: from, last: to.Add(-time.Second), count: len(numbers), personal: opts.Personal, format: opts.Format}
	return append(out, AuditEntry{By: Email(opts.By), To: recipient, Action: AuditExport, What: what.String()})
}

// exportWhat is what the audit trail keeps of an export (the What of an
// AuditExport entry): its first and last day, how many incidents, whether
// with personal data, and the format. Written "2026-07-01 – 2026-09-30: 11",
// then " +personal" and " xlsx" when so.
type exportWhat struct {
	from, last time.Time
	count      int
	personal   bool
	format     ExportFormat
}

// String writes the What of an export.
func (x exportWhat) String() string {
	s := fmt.Sprintf("%s – %s: %d", x.from.Format(time.DateOnly), x.last.Format(time.DateOnly), x.count)
	if x.personal {
		s += " +personal"
	}
	if x.format == FormatXLSX {
		s += " " + string(FormatXLSX)
	}
	return s
}

// parseExportWhat reads the What of an export, as written now or by
// earlier versions; false when it is not one.
func parseExportWhat(s string) (exportWhat, bool) {
	var x exportWhat
	days, rest, ok := strings.Cut(s, ": ")
	from, last, ok2 := strings.Cut(days, " – ")
	if !ok || !ok2 {
		return x, false
	}
	words := strings.Fields(rest)
	if len(words) == 0 {
		return x, false
	}
	var err1, err2, err3 error
	x.from, err1 = time.Parse(time.DateOnly, from)
	x.last, err2 = time.Parse(time.DateOnly, last)
	x.count, err3 = strconv.Atoi(words[0])
	if errors.Join(err1, err2, err3) != nil {
		return x, false
	}
	x.format = FormatCSV
	for _, w := range words[1:] {
		switch w {
		case "+personal":
			x.personal = true
		case string(FormatXLSX):
			x.format = FormatXLSX
		default:
			return x, false
		}
	}
	return x, true
}

// exportRecord fills line, one cell per column of cols, with an incident's
// line of the export.
func (t *turn) exportRecord(line []string, cols []ExportColumn, inc Incident, r register.Row) []string {
	for i, c := range cols {
		line[i] = cell(c.value(t.b.org, inc, r))
	}
	return line
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

// exportCommand handles /incident export [period] [anoniem] [csv]: the
// register of a period as a file, for the coordinator only: an Excel
// workbook to read, or with "csv" a CSV file for other software. The
// coordinator's file holds the personal columns unless they ask for
// "anoniem".
func (t *turn) exportCommand(args string) error {
	if !mayExport(t.person) {
		return t.refuse("export")
	}
	personal, format := true, FormatXLSX
	var words []string
	for _, w := range strings.Fields(args) {
		if f, ok := ParseExportFormat(w); ok {
			format = f
			continue
		}
		switch form.Fold(w) {
		case "anoniem", "anonymous", "anonymised", "anonymized", "geanonimiseerd":
			personal = false
		default:
			words = append(words, w)
		}
	}
	return t.export(strings.Join(words, " "), personal, format)
}

// export sends the coordinator the register of a period as a file in
// format.
func (t *turn) export(periodText string, personal bool, format ExportFormat) error {
	period, err := register.ParsePeriod(periodText, t.now)
	if err != nil {
		return t.reply(Message{Text: t.tr.T("export.bad_period")})
	}
	var buf chatExport
	opts := ExportOptions{Personal: personal, By: t.person.Email.String(), Format: format}
	numbers, err := t.writeExport(&buf, period.From, period.To, opts)
	if errors.Is(err, errTooBigForChat) {
		// Not handed over, so nothing was read: the audit trail stays clean.
		return t.reply(Message{Text: t.tr.T("export.too_big", "Period", t.tr.Period(period.Key))})
	}
	if err != nil {
		return err
	}
	name := "meldingen-" + period.Key
	other := "/incident export " + period.Key
	if !personal {
		name += "-anoniem"
		other += " " + t.tr.T("export.word.anonymous")
	}
	file := &File{Name: name + ".xlsx", ContentType: xlsxContentType, Data: buf.Bytes()}
	if format == FormatCSV {
		file = &File{Name: name + ".csv", ContentType: "text/csv; charset=utf-8", Data: buf.Bytes()}
	} else {
		other += " csv"
	}
	// The export enters the audit trail when the file is delivered: a file
	// the chat could not take (or the console could not save) was never
	// handed over.
	text := t.tr.T("export.done."+string(format), "Period", t.tr.Period(period.Key),
		"Reports", t.tr.Count("reports", len(numbers)), "Personal", personal, "Other", other)
	return t.reply(Message{Text: text, File: file}, exportAudit(numbers, period.From, period.To, opts, t.person.Email)...)
}

// xlsxContentType is the media type of an Excel workbook.
const xlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// Export writes the register's incidents that happened in [from, to) to w
// in the format opts name (see docs/export.md), in a transaction of its own, and records
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
