package bot

import (
	"io"
	"time"

	"meldbot/bot/register"
	"meldbot/bot/sheet"
)

// writeWorkbook writes the export as an Excel workbook for people: the
// same incidents and columns as the CSV file (ExportColumns), with headers
// and labels in the reader's language instead of column names and codes,
// moments as dates, and a second sheet that explains every column.
func (t *turn) writeWorkbook(w io.Writer, from, to time.Time, opts ExportOptions) ([]string, error) {
	tr := t.tr
	if opts.Lang != "" {
		tr = t.b.texts.In(opts.Lang)
	}
	org := t.b.org
	cols := exportedColumns(opts, FormatXLSX)
	personal := tr.T("export.sheet.anonymous")
	if opts.Personal {
		personal = tr.T("export.sheet.personal")
	}
	book := sheet.Book{
		Data: tr.T("export.sheet.data"), About: tr.T("export.sheet.about"), DateFormat: tr.T("export.sheet.date_format"),
		Intro: []string{
			tr.T("export.sheet.title", "Org", org.Name),
			tr.T("export.sheet.period", "From", tr.Date(from), "To", tr.Date(to.Add(-time.Second))),
			tr.T("export.sheet.made", "At", tr.Time(org.In(t.now))),
			personal,
			tr.T("export.sheet.csv"),
		},
		AboutHeader: [3]string{tr.T("export.sheet.column"), tr.T("export.sheet.meaning"), tr.T("export.sheet.csv_name")},
	}
	for _, c := range cols {
		book.Columns = append(book.Columns, sheet.Column{
			Header: tr.T("export.column." + c.Name), Meaning: tr.T("export.explain." + c.Name), Name: c.Name})
	}
	var numbers []string
	err := book.Write(w, func(add func([]any) error) error {
		var err error
		numbers, err = t.eachExported(from, to, opts, func(inc Incident, r register.Row) error {
			values := make([]any, len(cols))
			for i, c := range cols {
				if c.shown != nil {
					values[i] = c.shown(org, tr, inc, r)
				} else {
					values[i] = c.value(org, inc, r)
				}
			}
			return add(values)
		})
		return err
	})
	return numbers, err
}
