package bot

// RegisterSettings are the privacy settings of the register, from the
// organisation file's "register" section. Zero values mean the defaults.
type RegisterSettings struct {
	// RetentionYears is how long after an incident is closed its personal
	// data is kept (default 5).
	RetentionYears int
	// SmallNumbers is the threshold below which summaries that go beyond
	// the coordinator show a count as "< 5" (default 5), so no colleague
	// can be recognised in a small group.
	SmallNumbers int
}

// Defaults of the register's settings.
const (
	DefaultRetentionYears = 5
	DefaultSmallNumbers   = 5
)

// retentionYears returns the retention period in years.
func (o *Organisation) retentionYears() int {
	if o.Register.RetentionYears > 0 {
		return o.Register.RetentionYears
	}
	return DefaultRetentionYears
}

// smallNumbers returns the threshold for small counts.
func (o *Organisation) smallNumbers() int {
	if o.Register.SmallNumbers > 0 {
		return o.Register.SmallNumbers
	}
	return DefaultSmallNumbers
}
