namespace CustomerTimeline.Api.Generator;

/// <summary>Separate random streams per concern, so changing one part of a customer does not reshuffle the others.</summary>
internal enum RngStream : ulong
{
    Plan = 1,
    Persona = 2,
    Events = 3,
    Ids = 4,
}
