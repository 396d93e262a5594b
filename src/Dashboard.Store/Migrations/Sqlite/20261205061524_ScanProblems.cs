using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Store.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScanProblems : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "scan_problems",
                columns: table => new
                {
                    scope = table.Column<string>(type: "TEXT", nullable: false),
                    ended_at = table.Column<string>(type: "TEXT", nullable: false),
                    problem = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scan_problems", x => x.scope);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "scan_problems");
        }
    }
}
