package policy

// Role is a part a person plays in the policy. One person can have several.
type Role string

// The roles of the policy's task matrix.
const (
	RoleEmployee      Role = "employee"      // medewerker (everyone)
	RoleManager       Role = "manager"       // afdelingsmanager
	RoleDeputy        Role = "deputy"        // plaatsvervangend manager
	RoleCoordinator   Role = "coordinator"   // coördinator agressie en geweld
	RoleFacility      Role = "facility"      // facilitaire zaken
	RoleSecurity      Role = "security"      // beveiliger
	RoleLegal         Role = "legal"         // juridische zaken
	RoleTownClerk     Role = "town_clerk"    // gemeentesecretaris / algemeen directeur
	RoleBoard         Role = "board"         // contactpersoon college B&W
	RoleCommunication Role = "communication" // communicatie
)

// Roles lists every role, in the order they are shown to people.
var Roles = []Role{
	RoleEmployee, RoleManager, RoleDeputy, RoleCoordinator, RoleFacility,
	RoleSecurity, RoleLegal, RoleTownClerk, RoleBoard, RoleCommunication,
}
