global using Microsoft.AspNetCore.Http;
global using Orleans;
