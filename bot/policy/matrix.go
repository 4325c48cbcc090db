// Package policy is the municipality's policy against aggression and
// violence as data: the roles, the 67 rows of the task matrix, the recurring
// duties of the policy cycle with their default schedule, and the set-up
// checklist. It holds no rules about incidents and knows nothing of chat.
package policy

// Cadence is how often a duty of the policy comes back.
type Cadence string

// Cadences of the task matrix (the seed's Termijn column).
const (
	Once       Cadence = "once"
	Always     Cadence = "always"
	Monthly    Cadence = "monthly"
	Quarterly  Cadence = "quarterly"
	HalfYearly Cadence = "half_yearly"
	Yearly     Cadence = "yearly"
	WhenNeeded Cadence = "when_needed"
	Periodic   Cadence = "periodic"
)

// RowKind says how meldbot carries out a row of the matrix.
type RowKind string

// How rows are covered (TASK-MATRIX.md).
const (
	KindRecurring RowKind = "R" // a prompt on a schedule, chased until done
	KindWorkflow  RowKind = "W" // something meldbot does after a report
	KindData      RowKind = "D" // an overview or export from the register
	KindSetup     RowKind = "O" // an item of the set-up checklist
	KindGuidance  RowKind = "G" // on the role card
)

// Row is one duty of the policy's task matrix. Its text, in every
// language, is in the catalogue as "row.<ID>"; how meldbot helps with it as
// "row.<ID>.how".
type Row struct {
	ID      string
	Role    Role
	Cadence Cadence
	Kind    RowKind
	// PerDepartment set-up items are ticked off once per department (S2, M1).
	PerDepartment bool
}

// Matrix is the task matrix of the policy, row by row, in the order of the
// seed document: 10 board, 12 town clerk, 9 coordinator, 11 manager, 11
// employee, 3 facility and 11 security rows.
var Matrix = []Row{
	{ID: "B1", Role: RoleBoard, Cadence: Once, Kind: KindSetup},
	{ID: "B2", Role: RoleBoard, Cadence: Once, Kind: KindSetup},
	{ID: "B3", Role: RoleBoard, Cadence: Once, Kind: KindSetup},
	{ID: "B4", Role: RoleBoard, Cadence: Once, Kind: KindSetup},
	{ID: "B5", Role: RoleBoard, Cadence: Yearly, Kind: KindRecurring},
	{ID: "B6", Role: RoleBoard, Cadence: Yearly, Kind: KindRecurring},
	{ID: "B7", Role: RoleBoard, Cadence: Always, Kind: KindWorkflow},
	{ID: "B8", Role: RoleBoard, Cadence: Always, Kind: KindGuidance},
	{ID: "B9", Role: RoleBoard, Cadence: Always, Kind: KindWorkflow},
	{ID: "B10", Role: RoleBoard, Cadence: Always, Kind: KindData},

	{ID: "S1", Role: RoleTownClerk, Cadence: Once, Kind: KindSetup},
	{ID: "S2", Role: RoleTownClerk, Cadence: Once, Kind: KindSetup, PerDepartment: true},
	{ID: "S3", Role: RoleTownClerk, Cadence: Once, Kind: KindSetup},
	{ID: "S4", Role: RoleTownClerk, Cadence: Once, Kind: KindSetup},
	{ID: "S5", Role: RoleTownClerk, Cadence: Once, Kind: KindSetup},
	{ID: "S6", Role: RoleTownClerk, Cadence: Yearly, Kind: KindRecurring},
	{ID: "S7", Role: RoleTownClerk, Cadence: Yearly, Kind: KindRecurring},
	{ID: "S8", Role: RoleTownClerk, Cadence: HalfYearly, Kind: KindRecurring},
	{ID: "S9", Role: RoleTownClerk, Cadence: Always, Kind: KindWorkflow},
	{ID: "S10", Role: RoleTownClerk, Cadence: Always, Kind: KindGuidance},
	{ID: "S11", Role: RoleTownClerk, Cadence: Always, Kind: KindWorkflow},
	{ID: "S12", Role: RoleTownClerk, Cadence: Always, Kind: KindData},

	{ID: "C1", Role: RoleCoordinator, Cadence: Yearly, Kind: KindRecurring},
	{ID: "C2", Role: RoleCoordinator, Cadence: Yearly, Kind: KindRecurring},
	{ID: "C3", Role: RoleCoordinator, Cadence: Quarterly, Kind: KindRecurring},
	{ID: "C4", Role: RoleCoordinator, Cadence: Always, Kind: KindGuidance},
	{ID: "C5", Role: RoleCoordinator, Cadence: Always, Kind: KindWorkflow},
	{ID: "C6", Role: RoleCoordinator, Cadence: Quarterly, Kind: KindRecurring},
	{ID: "C7", Role: RoleCoordinator, Cadence: Quarterly, Kind: KindRecurring},
	{ID: "C8", Role: RoleCoordinator, Cadence: WhenNeeded, Kind: KindRecurring},
	{ID: "C9", Role: RoleCoordinator, Cadence: Always, Kind: KindWorkflow},

	{ID: "M1", Role: RoleManager, Cadence: Once, Kind: KindSetup, PerDepartment: true},
	{ID: "M2", Role: RoleManager, Cadence: Periodic, Kind: KindRecurring},
	{ID: "M3", Role: RoleManager, Cadence: HalfYearly, Kind: KindRecurring},
	{ID: "M4", Role: RoleManager, Cadence: Always, Kind: KindGuidance},
	{ID: "M5", Role: RoleManager, Cadence: Always, Kind: KindWorkflow},
	{ID: "M6", Role: RoleManager, Cadence: Always, Kind: KindWorkflow},
	{ID: "M7", Role: RoleManager, Cadence: Always, Kind: KindWorkflow},
	{ID: "M8", Role: RoleManager, Cadence: Always, Kind: KindWorkflow},
	{ID: "M9", Role: RoleManager, Cadence: Always, Kind: KindWorkflow},
	{ID: "M10", Role: RoleManager, Cadence: Always, Kind: KindWorkflow},
	{ID: "M11", Role: RoleManager, Cadence: Always, Kind: KindWorkflow},

	{ID: "E1", Role: RoleEmployee, Cadence: Always, Kind: KindGuidance},
	{ID: "E2", Role: RoleEmployee, Cadence: Always, Kind: KindGuidance},
	{ID: "E3", Role: RoleEmployee, Cadence: Always, Kind: KindGuidance},
	{ID: "E4", Role: RoleEmployee, Cadence: Always, Kind: KindGuidance},
	{ID: "E5", Role: RoleEmployee, Cadence: Always, Kind: KindGuidance},
	{ID: "E6", Role: RoleEmployee, Cadence: Always, Kind: KindGuidance},
	{ID: "E7", Role: RoleEmployee, Cadence: Always, Kind: KindWorkflow},
	{ID: "E8", Role: RoleEmployee, Cadence: Always, Kind: KindWorkflow},
	{ID: "E9", Role: RoleEmployee, Cadence: Always, Kind: KindWorkflow},
	{ID: "E10", Role: RoleEmployee, Cadence: Always, Kind: KindWorkflow},
	{ID: "E11", Role: RoleEmployee, Cadence: Always, Kind: KindWorkflow},

	{ID: "F1", Role: RoleFacility, Cadence: WhenNeeded, Kind: KindWorkflow},
	{ID: "F2", Role: RoleFacility, Cadence: Monthly, Kind: KindRecurring},
	{ID: "F3", Role: RoleFacility, Cadence: Always, Kind: KindWorkflow},

	{ID: "G1", Role: RoleSecurity, Cadence: Once, Kind: KindSetup},
	{ID: "G2", Role: RoleSecurity, Cadence: Always, Kind: KindGuidance},
	{ID: "G3", Role: RoleSecurity, Cadence: Always, Kind: KindGuidance},
	{ID: "G4", Role: RoleSecurity, Cadence: Always, Kind: KindGuidance},
	{ID: "G5", Role: RoleSecurity, Cadence: Always, Kind: KindGuidance},
	{ID: "G6", Role: RoleSecurity, Cadence: Always, Kind: KindGuidance},
	{ID: "G7", Role: RoleSecurity, Cadence: Always, Kind: KindGuidance},
	{ID: "G8", Role: RoleSecurity, Cadence: Always, Kind: KindWorkflow},
	{ID: "G9", Role: RoleSecurity, Cadence: Always, Kind: KindWorkflow},
	{ID: "G10", Role: RoleSecurity, Cadence: Quarterly, Kind: KindRecurring},
	{ID: "G11", Role: RoleSecurity, Cadence: WhenNeeded, Kind: KindRecurring},
}

// RowsOf returns the rows of a role, in matrix order.
func RowsOf(role Role) []Row {
	var out []Row
	for _, r := range Matrix {
		if r.Role == role {
			out = append(out, r)
		}
	}
	return out
}
