using GraphQL.Types;

namespace CustomerTimeline.Api.Relay;

public sealed class PageInfoGraphType : ObjectGraphType<PageInfo>
{
    public PageInfoGraphType()
    {
        Name = "PageInfo";
        Description = "Relay paging state of a connection.";
        Field(p => p.HasNextPage).Description("More items follow the last edge.");
        Field(p => p.HasPreviousPage).Description("More items precede the first edge.");
        Field(p => p.StartCursor, nullable: true).Description("Cursor of the first edge.");
        Field(p => p.EndCursor, nullable: true).Description("Cursor of the last edge.");
    }
}
