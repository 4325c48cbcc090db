package register

import "time"

// Facts are what an overview counts of one row, in a form a store can lend
// without making anything per row: moments are seconds since 1970 as
// time.Time.Unix gives them (the register keeps moments to the second; a
// moment that is not there is the zero time's, NoMoment), and the strings
// rows share — categories, department, location, police outcome and
// measure — are symbols: numbers that stand for a string of the scan.
type Facts struct {
	Occurred, Reported   int64
	FirstCare, CareGiven int64 // NoMoment when not (yet)
	Serious, CareOpen    bool
	Categories           []Symbol
	Department, Location Symbol
	Police, Measure      Symbol
	Aftercare            []DeadlineFacts
	Open                 []int64 // the deadlines of the duties still open
	// Names holds the string each symbol of the scan stands for: symbol s
	// is Names[s]. It only grows during a scan, and Names[0] is "".
	Names []string
}

// Symbol stands for a string of a scan's Names.
type Symbol uint32

// NoMoment is the moment of Facts that is not there: the zero time's.
var NoMoment = time.Time{}.Unix()

// DeadlineFacts are the facts of one aftercare task (see Deadline).
type DeadlineFacts struct {
	Due, Done int64 // Done is NoMoment while not done
	NotNeeded bool
}

// Moment returns t as Facts hold it.
func Moment(t time.Time) int64 { return t.Unix() }

// ScanFactsOf lends fn the facts of the rows each gives, one after another,
// in the same Facts: the way a source that holds whole rows (rather than
// their stored form) scans.
func ScanFactsOf(each func(fn func(Row) error) error, fn func(*Facts) error) error {
	f := Facts{Names: []string{""}}
	symbols := map[string]Symbol{"": 0}
	symbol := func(s string) Symbol {
		sym, ok := symbols[s]
		if !ok {
			sym = Symbol(len(f.Names))
			symbols[s] = sym
			f.Names = append(f.Names, s)
		}
		return sym
	}
	return each(func(r Row) error {
		f.Occurred, f.Reported = Moment(r.Occurred), Moment(r.Reported)
		f.FirstCare, f.CareGiven = Moment(r.FirstCare), Moment(r.CareGiven)
		f.Serious, f.CareOpen = r.Serious, r.CareOpen
		f.Categories = f.Categories[:0]
		for _, c := range r.Categories {
			f.Categories = append(f.Categories, symbol(string(c)))
		}
		f.Department, f.Location = symbol(r.Department), symbol(r.Location)
		f.Police, f.Measure = symbol(r.Police), symbol(r.Measure)
		f.Aftercare = f.Aftercare[:0]
		for _, a := range r.Aftercare {
			f.Aftercare = append(f.Aftercare, DeadlineFacts{Due: Moment(a.Due), Done: Moment(a.Done), NotNeeded: a.NotNeeded})
		}
		f.Open = f.Open[:0]
		for _, t := range r.Open {
			f.Open = append(f.Open, Moment(t))
		}
		return fn(&f)
	})
}
