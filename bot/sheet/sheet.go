// Package sheet writes workbooks for people: an Excel file (.xlsx) with a
// table of data and a sheet that explains every column of it. It knows
// nothing of incidents; its callers say what the columns are.
package sheet

import (
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"
)

// Book is a workbook: a sheet with a table of data, one row per record, and
// a sheet that explains it.
type Book struct {
	// Data names the sheet of the table, e.g. "Meldingen"; About the
	// sheet that explains it, e.g. "Toelichting".
	Data, About string
	Columns     []Column
	// Intro are the lines above the explanation of the columns: what the
	// table holds, of which period, made when.
	Intro []string
	// AboutHeader names the columns of the explanation, e.g. "Kolom",
	// "Betekenis", "Naam in CSV".
	AboutHeader [3]string
	// DateFormat is how a moment shows in a cell, as an Excel number
	// format, e.g. "dd-mm-yyyy hh:mm".
	DateFormat string
}

// Column is a column of the table: its header, what it means, and the name
// the same column has in other formats (CSV).
type Column struct {
	Header, Meaning, Name string
}

// Rows gives the table's rows one at a time to add, which stops at add's
// first error and returns it. A value is a string, an int, a time.Time (a
// moment, written as a date and time in its own clock reading) or nil
// (an empty cell).
type Rows func(add func(values []any) error) error

// Write writes the workbook as an .xlsx file to w: the table on the first
// sheet, with its header row frozen and a filter on every column, and the
// explanation on the second. Text never turns into a formula, whatever it
// starts with.
func (b Book) Write(w io.Writer, rows Rows) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", b.Data); err != nil {
		return fmt.Errorf("sheet: %w", err)
	}
	if err := b.writeData(f, rows); err != nil {
		return err
	}
	if err := b.writeAbout(f); err != nil {
		return err
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: b.Data, Creator: "meldbot"}); err != nil {
		return fmt.Errorf("sheet: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("sheet: %w", err)
	}
	return nil
}

// writeData streams the table onto the data sheet.
func (b Book) writeData(f *excelize.File, rows Rows) error {
	sw, err := f.NewStreamWriter(b.Data)
	if err != nil {
		return fmt.Errorf("sheet: %w", err)
	}
	date, err := f.NewStyle(&excelize.Style{CustomNumFmt: &b.DateFormat})
	if err != nil {
		return fmt.Errorf("sheet: %w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("sheet: %w", err)
	}
	for i, c := range b.Columns {
		if err := sw.SetColWidth(i+1, i+1, width(c.Header)); err != nil {
			return fmt.Errorf("sheet: %w", err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("sheet: %w", err)
	}
	header := make([]any, len(b.Columns))
	for i, c := range b.Columns {
		header[i] = excelize.Cell{StyleID: bold, Value: c.Header}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return fmt.Errorf("sheet: %w", err)
	}
	row := 1
	err = rows(func(values []any) error {
		if len(values) != len(b.Columns) {
			return fmt.Errorf("sheet: a row of %d values in a table of %d columns", len(values), len(b.Columns))
		}
		cells := make([]any, len(values))
		for i, v := range values {
			switch v := v.(type) {
			case time.Time:
				if !v.IsZero() {
					cells[i] = excelize.Cell{StyleID: date, Value: clockReading(v)}
				}
			case string:
				if v != "" {
					cells[i] = excelize.Cell{Value: v}
				}
			case int, nil:
				cells[i] = v
			default:
				return fmt.Errorf("sheet: a value of type %T", v)
			}
		}
		row++
		cell, err := excelize.CoordinatesToCellName(1, row)
		if err != nil {
			return err
		}
		return sw.SetRow(cell, cells)
	})
	if err != nil {
		return err
	}
	last, err := excelize.CoordinatesToCellName(max(len(b.Columns), 1), max(row, 2))
	if err != nil {
		return fmt.Errorf("sheet: %w", err)
	}
	if len(b.Columns) > 0 {
		if err := sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: "Tabel1", StyleName: "TableStyleLight9"}); err != nil {
			return fmt.Errorf("sheet: %w", err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("sheet: %w", err)
	}
	return nil
}

// writeAbout writes the explanation sheet: the intro, then a line per
// column with its header, meaning and name in other formats.
func (b Book) writeAbout(f *excelize.File) error {
	if _, err := f.NewSheet(b.About); err != nil {
		return fmt.Errorf("sheet: %w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("sheet: %w", err)
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return fmt.Errorf("sheet: %w", err)
	}
	set := func(col, row int, v any, style int) error {
		cell, err := excelize.CoordinatesToCellName(col, row)
		if err == nil {
			err = f.SetCellValue(b.About, cell, v)
		}
		if err == nil && style != 0 {
			err = f.SetCellStyle(b.About, cell, cell, style)
		}
		return err
	}
	row := 1
	for i, line := range b.Intro {
		style := 0
		if i == 0 {
			style = bold
		}
		if err := set(1, row, line, style); err != nil {
			return fmt.Errorf("sheet: %w", err)
		}
		row++
	}
	row++
	for i, h := range b.AboutHeader {
		if err := set(i+1, row, h, bold); err != nil {
			return fmt.Errorf("sheet: %w", err)
		}
	}
	for _, c := range b.Columns {
		row++
		for i, v := range []string{c.Header, c.Meaning, c.Name} {
			if err := set(i+1, row, v, wrap); err != nil {
				return fmt.Errorf("sheet: %w", err)
			}
		}
	}
	for col, w := range []float64{28, 90, 22} {
		name, _ := excelize.ColumnNumberToName(col + 1)
		if err := f.SetColWidth(b.About, name, name, w); err != nil {
			return fmt.Errorf("sheet: %w", err)
		}
	}
	return nil
}

// clockReading returns the moment as the clock on the wall read it, in its
// own zone: a spreadsheet's dates have no zone, and would otherwise show
// the moment in UTC.
func clockReading(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

// width is a column's width for its header: wide enough to read it, and
// for a date, with room for at least 16 characters.
func width(header string) float64 {
	return float64(min(max(len([]rune(header))+4, 18), 40))
}
